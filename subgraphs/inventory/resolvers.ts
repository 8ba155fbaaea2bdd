/**
 * Thin resolvers: availability through the per-request loader; the per-warehouse breakdown only for the
 * principals entitled to stock levels (partners and agents).
 */
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { codedError } from '../../schema/error-codes.ts';
import type { Principal } from '../../gateway/auth/principal.ts';
import type { InventoryContext } from './context.ts';
import type { ProductAvailability } from './erp/mapping.ts';

/** Stock per warehouse is trade information: reseller partners and customer-service agents only. */
export const canSeeStockLevels = (principal: Principal): boolean => principal.role === 'partner' || principal.role === 'agent';

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
      if (!canSeeStockLevels(ctx.principal)) throw codedError('FORBIDDEN', 'Stock levels are for partners and agents only.');
      const names = await ctx.erp.warehouses();
      return availability.warehouses.map((w) => ({ ...w, warehouseName: names.get(w.warehouseCode) ?? null }));
    },
  },
};
