/**
 * Per-request context: the caller and this request's loaders. Loaders live for one request only, so
 * batching and memoisation never mix two callers' requests (the ETag cache, which holds public
 * catalogue data only, lives in the client across requests).
 */
import DataLoader from 'dataloader';
import { codedError } from '../../schema/error-codes.ts';
import type { Principal } from '../../gateway/auth/principal.ts';
import type { BaseContext } from '../runtime/definition.ts';
import { CATALOGUE_API, isCatalogueCode, type CatalogueClient } from './catalogue/client.ts';
import type { Category, ProductOffering } from './catalogue/mapping.ts';

export interface CatalogContext extends BaseContext {
  catalogue: CatalogueClient;
  /** Offerings by code: N codes cost ceil(N / 100) Catalogue calls. */
  offerings: DataLoader<string, ProductOffering>;
  /** All categories, read at most once per request. */
  categories(): Promise<Category[]>;
}

const notFound = (): Error => codedError('NOT_FOUND', 'No product offering has this id.');

export function createCatalogContext(principal: Principal, catalogue: CatalogueClient): CatalogContext {
  const offerings = new DataLoader<string, ProductOffering>(async (codes) => {
    const valid = codes.filter(isCatalogueCode);
    const found = valid.length > 0 ? await catalogue.offeringsByCodes(valid) : new Map<string, ProductOffering>();
    return codes.map((code) => found.get(code) ?? notFound());
  }, { maxBatchSize: CATALOGUE_API.maxCodesPerCall });

  let categories: Promise<Category[]> | undefined;
  return {
    principal,
    catalogue,
    offerings,
    categories: () => (categories ??= catalogue.categories()),
  };
}
