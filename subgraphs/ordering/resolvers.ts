/** Thin resolvers: arguments -> access checks -> loaders / data source -> domain types. */
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { codedError } from '../../schema/error-codes.ts';
import { canReadCustomer } from '../runtime/access.ts';
import { toConnection, toPage, type Connection, type PageArgs } from '../runtime/connection.ts';
import { DateTimeScalar, DecimalScalar } from '../runtime/scalars.ts';
import { readableOrder } from './access.ts';
import type { OrderingContext } from './context.ts';
import type { EntityRef, ProductOrder, ShoppingCart } from './domain.ts';
import { mutationResolvers } from './mutations.ts';

function assertCanReadCustomer(ctx: OrderingContext, customerId: string): void {
  if (!canReadCustomer(ctx.principal, customerId)) throw codedError('FORBIDDEN', "You may not read this customer's account.");
}

export const resolvers: GraphQLResolverMap<OrderingContext> = {
  DateTime: DateTimeScalar,
  Decimal: DecimalScalar,

  Query: {
    async productOrder(_: unknown, { id }: { id: string }, ctx: OrderingContext): Promise<ProductOrder> {
      return readableOrder(ctx.principal, await ctx.loaders.orderById.load(id));
    },
  },

  Mutation: mutationResolvers,

  ProductOrder: {
    // async: a refused or missing order rejects its own entity only, never the whole _entities batch.
    async __resolveReference(ref: EntityRef, ctx: OrderingContext): Promise<ProductOrder> {
      return readableOrder(ctx.principal, await ctx.loaders.orderById.load(ref.id));
    },
  },

  Customer: {
    // Only the key: the customer's own data lives in the party subgraph, the checks are per field.
    __resolveReference: (ref: EntityRef): EntityRef => ({ id: ref.id }),

    async orders(customer: EntityRef, args: PageArgs, ctx: OrderingContext): Promise<Connection<ProductOrder>> {
      assertCanReadCustomer(ctx, customer.id);
      const page = toPage(args);
      const result = await ctx.loaders.ordersPage.load({ customerId: customer.id, offset: page.offset, limit: page.first });
      return toConnection(result.orders, page, result.total);
    },

    async cart(customer: EntityRef, _: unknown, ctx: OrderingContext): Promise<ShoppingCart> {
      assertCanReadCustomer(ctx, customer.id);
      return ctx.oms.cart(customer.id);
    },
  },
};
