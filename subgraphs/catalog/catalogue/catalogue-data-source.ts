/**
 * The Catalogue data source: what the loaders and resolvers call. It answers with domain types, read
 * through a shared cache of the Catalogue's records (raw reads in api.ts), so that most catalogue reads
 * never reach the Catalogue. Offerings, pages and
 * categories are stable reference data: each is cached with a time to live and a stale-while-revalidate
 * window (runtime/caching/entity-cache.ts), in Redis shared by every catalog instance when configured.
 * Records are cached as the Catalogue sent them (with their ETag), not mapped, so that instances with
 * different media roots can share them; a stale single offering or the categories are revalidated with
 * If-None-Match, which is the ETag revalidation the subgraph always did, now shared.
 */
import { z } from 'zod';
import type { CacheStore } from '../../runtime/caching/cache-store.ts';
import { EntityCache, type CachePolicy } from '../../runtime/caching/entity-cache.ts';
import type { Category, ProductOffering } from '../model.ts';
import { CATALOGUE_API, CatalogueApi, type LegacyOfferingPage, type Tagged } from './api.ts';
import { toCategory, toProductOffering } from './mapping.ts';
import { legacyCategorySchema, legacyOfferingSchema, type LegacyCategory, type LegacyOffering } from './wire.ts';
import type { ResilienceOptions } from '../../runtime/transport/resilience/resilience-options.ts';

/** Bump when a cached shape below (or wire.ts) changes: entries of the old shape are then never read. */
export const CATALOGUE_CACHE_VERSION = 1;

export interface CatalogueCachePolicies {
  /** Offerings by code and pages of offerings (prices included). */
  offerings: CachePolicy;
  /** The category list, which changes a few times a year. */
  categories: CachePolicy;
}

export const CATALOGUE_CACHE_DEFAULTS: Readonly<CatalogueCachePolicies> = Object.freeze({
  offerings: Object.freeze({ ttlSeconds: 300, staleSeconds: 600 }),
  categories: Object.freeze({ ttlSeconds: 3_600, staleSeconds: 86_400 }),
});

export interface OfferingPage { totalCount: number; offerings: ProductOffering[] }

/** What outside this folder may know of the Catalogue: its batch limit, and what a code looks like. */
export { CATALOGUE_API, isCatalogueCode } from './api.ts';

export interface CatalogueDataSourceOptions {
  /** Where the Catalogue's HTTP API is (the stand-in, or the real one). */
  baseUrl: string;
  timeoutMs: number;
  maxResponseBytes: number;
  resilience?: ResilienceOptions;
  mediaBaseUrl: string;
  store: CacheStore;
  policies: CatalogueCachePolicies;
  now?: () => number;
}

const guard = <T>(schema: z.ZodType) => (value: unknown): value is T => schema.safeParse(value).success;
const tagged = (schema: z.ZodType) => z.object({ value: schema, etag: z.string().nullable() });

export class CatalogueDataSource {
  readonly offeringCache: EntityCache<Tagged<LegacyOffering>>;
  readonly pageCache: EntityCache<LegacyOfferingPage>;
  readonly categoryCache: EntityCache<Tagged<LegacyCategory[]>>;
  /** Where the entries live: Redis (shared) or memory. */
  readonly store: CacheStore;

  private readonly client: CatalogueApi;

  constructor(private readonly options: CatalogueDataSourceOptions) {
    const { store, policies, now } = options;
    this.client = new CatalogueApi({
      baseUrl: options.baseUrl, timeoutMs: options.timeoutMs, maxResponseBytes: options.maxResponseBytes,
      ...(options.resilience ? { resilience: options.resilience } : {}),
    });
    this.store = store;
    const version = CATALOGUE_CACHE_VERSION;
    this.offeringCache = new EntityCache({ store, now, version, name: 'catalog:offering', policy: policies.offerings, accept: guard(tagged(legacyOfferingSchema)) });
    this.pageCache = new EntityCache({
      store, now, version, name: 'catalog:page', policy: policies.offerings,
      accept: guard(z.object({ total: z.number().int().nonnegative(), items: z.array(legacyOfferingSchema) })),
    });
    this.categoryCache = new EntityCache({ store, now, version, name: 'catalog:categories', policy: policies.categories, accept: guard(tagged(z.array(legacyCategorySchema))) });
  }

  /** Offerings by code (at most maxCodesPerCall, valid codes only); unknown codes are absent. */
  async offeringsByCodes(codes: readonly string[]): Promise<Map<string, ProductOffering>> {
    const found = await this.offeringCache.getMany(codes, (missing, stale) => this.loadOfferings(missing, stale));
    return new Map([...found].map(([code, record]) => [code, toProductOffering(record.value, this.options.mediaBaseUrl)]));
  }

  /** One page of offerings (offset/limit), optionally of one category, with the Catalogue's total. */
  async listOfferings(offset: number, limit: number, categoryCode?: string | null): Promise<OfferingPage> {
    const capped = Math.min(limit, CATALOGUE_API.maxLimit);
    const key = `${categoryCode ?? '*'}|${offset}|${capped}`;
    const page = await this.pageCache.get(key, () => this.client.offeringPage(offset, capped, categoryCode));
    // get() yields undefined only for a key its loader left out, which a page loader never does.
    const { total, items } = page ?? { total: 0, items: [] };
    return { totalCount: total, offerings: items.map((item) => toProductOffering(item, this.options.mediaBaseUrl)) };
  }

  async categories(): Promise<Category[]> {
    const list = await this.categoryCache.get('all', (stale) => this.client.categories(stale));
    return (list?.value ?? []).map(toCategory);
  }

  /** Waits for the background refreshes under way (tests, shutdown). */
  async settle(): Promise<void> {
    await Promise.all([this.offeringCache.settle(), this.pageCache.settle(), this.categoryCache.settle()]);
  }

  async close(): Promise<void> {
    await this.settle();
    await Promise.all([this.client.close(), this.store.close()]);
  }

  /**
   * One Catalogue call: a single code through its resource URL (conditional when a stale copy is kept,
   * and its ETag is kept for next time), several codes through the `codes=` batch.
   */
  private async loadOfferings(codes: readonly string[], stale: ReadonlyMap<string, Tagged<LegacyOffering>>): Promise<Map<string, Tagged<LegacyOffering>>> {
    if (codes.length === 1) {
      const code = codes[0] as string;
      const one = await this.client.offering(code, stale.get(code));
      return new Map(one ? [[code, one]] : []);
    }
    const items = await this.client.offeringBatch(codes);
    return new Map(items.map((item) => [item.productCode, { value: item, etag: null }]));
  }
}
