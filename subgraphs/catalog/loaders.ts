/**
 * Per-request loaders over the Catalogue, and the context that carries them. Loaders live for one request
 * only, so batching and memoisation never mix two callers' requests (the catalogue cache, which holds
 * public catalogue records only, lives in the data source across requests and instances).
 */
import type DataLoader from 'dataloader';
import { codedError } from '../../contracts/error-codes.ts';
import type { Principal } from '../../contracts/principal.ts';
import type { BaseContext } from '../runtime/serving/definition.ts';
import { CATALOGUE_API, isCatalogueCode, type CatalogueDataSource } from './catalogue/catalogue-data-source.ts';
import type { Category, ProductOffering } from './model.ts';
import { ObservedDataLoader } from '../runtime/metrics/observed-data-loader.ts';

export interface CatalogLoaders {
  /** Offerings by code: N codes cost at most ceil(N / 100) Catalogue calls, none when all are cached. */
  offering: DataLoader<string, ProductOffering>;
  /** All categories, read at most once per request. */
  categories(): Promise<Category[]>;
}

export interface CatalogContext extends BaseContext {
  catalogue: CatalogueDataSource;
  loaders: CatalogLoaders;
}

const notFound = (): Error => codedError('NOT_FOUND', 'No product offering has this id.');

export function createCatalogLoaders(catalogue: CatalogueDataSource): CatalogLoaders {
  const offering = new ObservedDataLoader<string, ProductOffering>('catalog', 'offering', async (codes) => {
    const valid = codes.filter(isCatalogueCode);
    const found = valid.length > 0 ? await catalogue.offeringsByCodes(valid) : new Map<string, ProductOffering>();
    return codes.map((code) => found.get(code) ?? notFound());
  }, { maxBatchSize: CATALOGUE_API.maxCodesPerCall });

  let categories: Promise<Category[]> | undefined;
  return { offering, categories: () => (categories ??= catalogue.categories()) };
}

export function createCatalogContext(catalogue: CatalogueDataSource, principal: Principal): CatalogContext {
  return { principal, catalogue, loaders: createCatalogLoaders(catalogue) };
}
