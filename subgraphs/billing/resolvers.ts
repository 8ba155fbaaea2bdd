/**
 * Thin resolvers: arguments -> loaders. Who may read a customer's bills and balance, and which bills,
 * is decided by the schema's rules (policies.ts) on the objects these resolvers return: a Customer by its
 * key, a CustomerBill by the customer it was issued to.
 */
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { toConnection, toPage } from '../runtime/shared-types/connection.ts';
import { DateScalar, DecimalScalar } from '../runtime/shared-types/scalars.ts';
import type { BillingContext } from './loaders.ts';
import { BILLING_MAX_PAGE_SIZE } from './billing/billing-data-source.ts';
import type { CustomerBill, CustomerBillState } from './model.ts';

const BILL_PAGE_LIMITS = Object.freeze({ first: 10, maxFirst: BILLING_MAX_PAGE_SIZE });

export const resolvers: GraphQLResolverMap<BillingContext> = {
  Date: DateScalar,
  Decimal: DecimalScalar,

  Query: {
    customerBill: (_: unknown, args: { id: string }, ctx: BillingContext) => ctx.billing.bill(args.id),
  },

  Customer: {
    __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
    bills: async (customer: { id: string }, args: { first?: number | null; after?: string | null; states?: CustomerBillState[] | null }, ctx: BillingContext) => {
      const page = toPage(args, BILL_PAGE_LIMITS);
      const result = await ctx.loaders.billPage.load({ customerId: customer.id, page, states: args.states ?? [] });
      return toConnection(result.bills, page, result.totalCount);
    },
    balance: (customer: { id: string }, _: unknown, ctx: BillingContext) => ctx.loaders.balance.load(customer.id),
  },

  ProductOrder: {
    __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
    bill: (order: { id: string }, _: unknown, ctx: BillingContext) => ctx.loaders.billOfOrder.load(order.id),
  },

  CustomerBill: {
    // A promise: an unknown bill fails its own entity only.
    __resolveReference: (ref: { id: string }, ctx: BillingContext) => ctx.loaders.bill.load(ref.id),
    order: (bill: CustomerBill) => (bill.orderId ? { id: bill.orderId } : null),
  },
};
