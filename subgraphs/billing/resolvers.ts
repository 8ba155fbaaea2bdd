/**
 * Thin resolvers: access checks, then loaders. Only the customer themself or an agent may read a
 * customer's bills and balance (canReadCustomer); a bill is checked against the customer it was issued to.
 */
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { codedError } from '../../schema/error-codes.ts';
import type { Principal } from '../../gateway/auth/principal.ts';
import { canReadCustomer } from '../runtime/access.ts';
import { toConnection, toPage } from '../runtime/connection.ts';
import { DateScalar, DecimalScalar } from '../runtime/scalars.ts';
import type { BillingContext } from './context.ts';
import { BILLING_MAX_PAGE_SIZE } from './soap/client.ts';
import type { CustomerBill, CustomerBillState } from './soap/mapping.ts';

const BILL_PAGE_LIMITS = Object.freeze({ first: 10, maxFirst: BILLING_MAX_PAGE_SIZE });

const forbidden = () => codedError('FORBIDDEN', 'Only the customer or an agent may read this account\'s bills.');

function assertCanRead(principal: Principal, customerId: string): void {
  if (!canReadCustomer(principal, customerId)) throw forbidden();
}

/** A bill leaves the subgraph only for its own customer or an agent. */
function visible(principal: Principal, bill: CustomerBill): CustomerBill {
  assertCanRead(principal, bill.customerId);
  return bill;
}

/** Only customers and agents can ever read a bill: others are refused before Billing is called. */
function assertMayReadBills(principal: Principal): void {
  if (principal.role !== 'customer' && principal.role !== 'agent') throw forbidden();
}

export const resolvers: GraphQLResolverMap<BillingContext> = {
  Date: DateScalar,
  Decimal: DecimalScalar,

  Query: {
    customerBill: async (_: unknown, args: { id: string }, ctx: BillingContext) => {
      assertMayReadBills(ctx.principal);
      return visible(ctx.principal, await ctx.billing.bill(args.id));
    },
  },

  Customer: {
    __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
    bills: async (customer: { id: string }, args: { first?: number | null; after?: string | null; states?: CustomerBillState[] | null }, ctx: BillingContext) => {
      assertCanRead(ctx.principal, customer.id);
      const page = toPage(args, BILL_PAGE_LIMITS);
      const result = await ctx.loaders.billPage.load({ customerId: customer.id, page, states: args.states ?? [] });
      return toConnection(result.bills, page, result.totalCount);
    },
    balance: (customer: { id: string }, _: unknown, ctx: BillingContext) => {
      assertCanRead(ctx.principal, customer.id);
      return ctx.loaders.balance.load(customer.id);
    },
  },

  ProductOrder: {
    __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
    bill: async (order: { id: string }, _: unknown, ctx: BillingContext) => {
      assertMayReadBills(ctx.principal);
      const bill = await ctx.loaders.billOfOrder.load(order.id);
      return bill && visible(ctx.principal, bill);
    },
  },

  CustomerBill: {
    __resolveReference: (ref: { id: string }, ctx: BillingContext) => {
      if (ctx.principal.role !== 'customer' && ctx.principal.role !== 'agent') return Promise.reject(forbidden());
      return ctx.loaders.bill.load(ref.id).then((bill) => visible(ctx.principal, bill));
    },
    order: (bill: CustomerBill) => (bill.orderId ? { id: bill.orderId } : null),
  },
};
