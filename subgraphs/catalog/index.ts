/**
 * The catalog subgraph: product offerings and categories, over the Catalogue (REST/JSON). It owns
 * `ProductOffering @key(id)` (the catalogue code) and `Category`.
 */
import type { Principal } from '../../contracts/principal.ts';
import type { SubgraphDefinition } from '../runtime/serving/definition.ts';
import { createCacheStore } from '../runtime/caching/cache-store.ts';
import { LEGACY_HTTP_DEFAULTS } from '../runtime/transport/legacy-http.ts';
import { nonNegativeIntFromEnv, positiveIntFromEnv, redisUrlFromEnv } from '../runtime/serving/env.ts';
import { loadSchema } from '../runtime/serving/load-schema.ts';
import { Catalogue, CATALOGUE_CACHE_DEFAULTS, type CatalogueCachePolicies } from './catalogue/catalogue-data-source.ts';
import { CatalogueClient } from './catalogue/api.ts';
import { createCatalogContext, type CatalogContext } from './loaders.ts';
import { resolvers } from './resolvers.ts';

export interface CatalogConfig {
  /** Base URL of the Catalogue's REST API (the stand-in by default). */
  catalogueUrl: string;
  /** Where product pictures are served from; default: the Catalogue's own `/media`. */
  mediaBaseUrl?: string;
  /** Per Catalogue call, connection included. */
  timeoutMs: number;
  maxResponseBytes: number;
  /** The cache of catalogue records; without it: in memory, with CATALOGUE_CACHE_DEFAULTS. */
  cache?: CatalogCacheConfig;
}

export interface CatalogCacheConfig {
  /** Redis shared by every catalog instance (redis://...); in memory, for this process only, without it. */
  redisUrl?: string | undefined;
  /** Prefix of every Redis key; a test stack uses its own, as its stand-ins' data are its own. */
  keyPrefix?: string | undefined;
  policies?: Partial<CatalogueCachePolicies>;
  /** The clock the cache judges freshness by (tests). */
  now?: () => number;
}

export const CATALOG_DEFAULTS = Object.freeze({
  catalogueUrl: 'http://127.0.0.1:5002',
  timeoutMs: LEGACY_HTTP_DEFAULTS.timeoutMs,
  maxResponseBytes: LEGACY_HTTP_DEFAULTS.maxResponseBytes,
});

export type CatalogSubgraph = SubgraphDefinition<CatalogContext> & {
  /** The cached data source, to watch its cache (stats, settle) in tests. */
  catalogue: Catalogue;
  /** Closes the keep-alive connections to the Catalogue and the cache's Redis connection. */
  close(): Promise<void>;
};

function httpUrl(value: string, name: string): string {
  const url = new URL(value);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`${name} must be an http(s) URL`);
  return value.replace(/\/+$/, '');
}

export function catalogConfigFromEnv(env: NodeJS.ProcessEnv): CatalogConfig {
  const catalogueUrl = env['PASSERELLE_CATALOGUE_URL'] || CATALOG_DEFAULTS.catalogueUrl;
  return {
    catalogueUrl,
    mediaBaseUrl: env['PASSERELLE_CATALOGUE_MEDIA_URL'] || `${catalogueUrl.replace(/\/+$/, '')}/media`,
    timeoutMs: positiveIntFromEnv(env, 'PASSERELLE_CATALOGUE_TIMEOUT_MS', CATALOG_DEFAULTS.timeoutMs),
    maxResponseBytes: positiveIntFromEnv(env, 'PASSERELLE_CATALOGUE_MAX_RESPONSE_BYTES', CATALOG_DEFAULTS.maxResponseBytes),
    cache: catalogCacheConfigFromEnv(env),
  };
}

/**
 * PASSERELLE_REDIS_URL (or REDIS_URL); PASSERELLE_CATALOGUE_CACHE_TTL_S / _SWR_S (offerings and pages)
 * and PASSERELLE_CATALOGUE_CATEGORIES_CACHE_TTL_S / _SWR_S, in seconds; 0 and 0 turn that cache off.
 */
function catalogCacheConfigFromEnv(env: NodeJS.ProcessEnv): CatalogCacheConfig {
  const { offerings, categories } = CATALOGUE_CACHE_DEFAULTS;
  return {
    redisUrl: redisUrlFromEnv(env, 'PASSERELLE_REDIS_URL', 'REDIS_URL'),
    policies: {
      offerings: {
        ttlSeconds: nonNegativeIntFromEnv(env, 'PASSERELLE_CATALOGUE_CACHE_TTL_S', offerings.ttlSeconds),
        staleSeconds: nonNegativeIntFromEnv(env, 'PASSERELLE_CATALOGUE_CACHE_SWR_S', offerings.staleSeconds),
      },
      categories: {
        ttlSeconds: nonNegativeIntFromEnv(env, 'PASSERELLE_CATALOGUE_CATEGORIES_CACHE_TTL_S', categories.ttlSeconds),
        staleSeconds: nonNegativeIntFromEnv(env, 'PASSERELLE_CATALOGUE_CATEGORIES_CACHE_SWR_S', categories.staleSeconds),
      },
    },
  };
}

export function createCatalogSubgraph(config: CatalogConfig): CatalogSubgraph {
  const catalogueUrl = httpUrl(config.catalogueUrl, 'catalogueUrl');
  const client = new CatalogueClient({ baseUrl: catalogueUrl, timeoutMs: config.timeoutMs, maxResponseBytes: config.maxResponseBytes });
  const cache = config.cache ?? {};
  const catalogue = new Catalogue(client, {
    mediaBaseUrl: httpUrl(config.mediaBaseUrl ?? `${catalogueUrl}/media`, 'mediaBaseUrl'),
    store: createCacheStore({ redisUrl: cache.redisUrl, keyPrefix: cache.keyPrefix }),
    policies: { ...CATALOGUE_CACHE_DEFAULTS, ...cache.policies },
    ...(cache.now ? { now: cache.now } : {}),
  });
  return {
    name: 'catalog',
    typeDefs: loadSchema(import.meta.url),
    resolvers,
    createContext: (principal: Principal) => createCatalogContext(principal, catalogue),
    catalogue,
    close: () => catalogue.close(),
  };
}
