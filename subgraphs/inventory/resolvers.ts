/**
 * Thin resolvers: availability through the per-request loader, and its per-warehouse breakdown. Who may
 * see that breakdown (trade data) is the schema's rule, enforced by the runtime's shield before this runs.
 */
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import type { InventoryContext } from './loaders.ts';
import type { ProductAvailability } from './model.ts';

export const resolvers: GraphQLResolverMap<InventoryContext> = {
  Query: {
    warehouses: async (_: unknown, __: unknown, ctx: InventoryContext) =>
      [...(await ctx.erp.warehouses())].map(([code, name]) => ({ code, name })),
  },
  ProductOffering: {
    __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
    availability: (offering: { id: string }, _: unknown, ctx: InventoryContext) => ctx.loaders.availability.load(offering.id),
  },
  ProductAvailability: {
    stockLevels: async (availability: ProductAvailability, _: unknown, ctx: InventoryContext) => {
      const names = await ctx.erp.warehouses();
      return availability.warehouses.map((w) => ({ ...w, warehouseName: names.get(w.warehouseCode) ?? null }));
    },
  },
};
