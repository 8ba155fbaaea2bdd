/**
 * Per-request context: the caller and this request's loaders. Loaders live for one request only, so
 * batching and memoisation never mix two callers' requests (the catalogue cache, which holds public
 * catalogue records only, lives in the data source across requests and instances).
 */
import DataLoader from 'dataloader';
import { codedError } from '../../contracts/error-codes.ts';
import type { Principal } from '../../contracts/principal.ts';
import type { BaseContext } from '../runtime/serving/definition.ts';
import type { Catalogue } from './catalogue/catalogue-data-source.ts';
import { CATALOGUE_API, isCatalogueCode } from './catalogue/api.ts';
import type { Category, ProductOffering } from './catalogue/mapping.ts';

export interface CatalogContext extends BaseContext {
  catalogue: Catalogue;
  /** Offerings by code: N codes cost at most ceil(N / 100) Catalogue calls, none when all are cached. */
  offerings: DataLoader<string, ProductOffering>;
  /** All categories, read at most once per request. */
  categories(): Promise<Category[]>;
}

const notFound = (): Error => codedError('NOT_FOUND', 'No product offering has this id.');

export function createCatalogContext(principal: Principal, catalogue: Catalogue): CatalogContext {
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
