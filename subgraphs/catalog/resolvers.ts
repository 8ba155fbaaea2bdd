/**
 * Thin resolvers: arguments -> loaders / the Catalogue data source -> domain types. Who sees what (the
 * partner price) is the schema's rule, enforced by the runtime's shield before any resolver runs.
 */
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { codedError } from '../../contracts/error-codes.ts';
import { toConnection, toPage, type Connection, type PageArgs } from '../runtime/shared-types/connection.ts';
import { DateScalar, DateTimeScalar, DecimalScalar } from '../runtime/shared-types/scalars.ts';
import { isCatalogueCode } from './catalogue/catalogue-data-source.ts';
import type { Category, ProductOffering } from './model.ts';
import type { CatalogContext } from './loaders.ts';

/** A Category as resolvers pass it on: its name may be unknown yet (when reached from an offering). */
type CategoryRef = { id: string; name?: string | null };

async function offeringConnection(ctx: CatalogContext, args: PageArgs, categoryId?: string | null): Promise<Connection<ProductOffering>> {
  const page = toPage(args);
  if (categoryId != null && !isCatalogueCode(categoryId)) {
    throw codedError('BAD_USER_INPUT', 'Invalid category id.', { argument: 'categoryId' });
  }
  const { totalCount, offerings } = await ctx.catalogue.listOfferings(page.offset, page.first, categoryId);
  // Offerings read by page are as fresh as by code: later lookups in this request cost nothing.
  for (const offering of offerings) ctx.loaders.offering.prime(offering.id, offering);
  return toConnection(offerings, page, totalCount);
}

async function categoryById(ctx: CatalogContext, id: string): Promise<Category | undefined> {
  return (await ctx.loaders.categories()).find((category) => category.id === id);
}

export const resolvers: GraphQLResolverMap<CatalogContext> = {
  Query: {
    productOffering: async (_: unknown, { id }: { id: string }, ctx: CatalogContext) => {
      if (!isCatalogueCode(id)) throw codedError('BAD_USER_INPUT', 'Invalid product offering id.', { argument: 'id' });
      return ctx.loaders.offering.load(id);
    },
    productOfferings: (_: unknown, args: PageArgs & { categoryId?: string | null }, ctx: CatalogContext) =>
      offeringConnection(ctx, args, args.categoryId),
    categories: (_: unknown, __: unknown, ctx: CatalogContext) => ctx.loaders.categories(),
  },
  ProductOffering: {
    // async: a malformed reference becomes a rejected promise for that entity only, never a throw.
    __resolveReference: async (ref: { id: string }, ctx: CatalogContext) => ctx.loaders.offering.load(ref.id),
    category: (offering: ProductOffering): CategoryRef | null => (offering.categoryId ? { id: offering.categoryId } : null),
  },
  Category: {
    __resolveReference: async (ref: { id: string }, ctx: CatalogContext) =>
      (await categoryById(ctx, ref.id)) ?? codedError('NOT_FOUND', 'No category has this id.'),
    name: async (category: CategoryRef, _: unknown, ctx: CatalogContext) =>
      category.name !== undefined ? category.name : ((await categoryById(ctx, category.id))?.name ?? null),
    offerings: (category: CategoryRef, args: PageArgs, ctx: CatalogContext) => offeringConnection(ctx, args, category.id),
  },
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Decimal: DecimalScalar,
};
