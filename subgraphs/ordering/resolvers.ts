/**
 * Thin resolvers: arguments -> loaders / data source -> domain types. Who may read an order or a customer's
 * orders and cart is decided by the schema's rules (policies.ts), on the objects these resolvers return.
 */
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { toConnection, toPage, type Connection, type PageArgs } from '../runtime/shared-types/connection.ts';
import { DateTimeScalar, DecimalScalar } from '../runtime/shared-types/scalars.ts';
import type { OrderingContext } from './loaders.ts';
import type { EntityRef, ProductOrder, ShoppingCart } from './model.ts';
import { mutationResolvers } from './mutations.ts';

export const resolvers: GraphQLResolverMap<OrderingContext> = {
  DateTime: DateTimeScalar,
  Decimal: DecimalScalar,

  Query: {
    productOrder: (_: unknown, { id }: { id: string }, ctx: OrderingContext): Promise<ProductOrder> => ctx.loaders.orderById.load(id),
  },

  Mutation: mutationResolvers,

  ProductOrder: {
    // A promise: a missing order rejects its own entity only, never the whole _entities batch.
    __resolveReference: (ref: EntityRef, ctx: OrderingContext): Promise<ProductOrder> => ctx.loaders.orderById.load(ref.id),
  },

  Customer: {
    // Only the key: the customer's own data lives in the party subgraph; the key is all the rule needs.
    __resolveReference: (ref: EntityRef): EntityRef => ({ id: ref.id }),

    async orders(customer: EntityRef, args: PageArgs, ctx: OrderingContext): Promise<Connection<ProductOrder>> {
      const page = toPage(args);
      const result = await ctx.loaders.ordersPage.load({ customerId: customer.id, offset: page.offset, limit: page.first });
      return toConnection(result.orders, page, result.total);
    },

    async cart(customer: EntityRef, _: unknown, ctx: OrderingContext): Promise<ShoppingCart> {
      return ctx.oms.cart(customer.id);
    },
  },
};
