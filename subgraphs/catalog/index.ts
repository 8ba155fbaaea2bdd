/**
 * The catalog subgraph: product offerings and categories, over the Catalogue (REST/JSON). It owns
 * `ProductOffering @key(id)` (the catalogue code) and `Category`.
 */
import type { Principal } from '../../contracts/principal.ts';
import type { SubgraphDefinition } from '../runtime/definition.ts';
import { createCacheStore } from '../runtime/cache-store.ts';
import { LEGACY_HTTP_DEFAULTS } from '../runtime/legacy-http.ts';
import { nonNegativeIntFromEnv, positiveIntFromEnv, redisUrlFromEnv } from '../runtime/env.ts';
import { loadSchema } from '../runtime/load-schema.ts';
import { Catalogue, CATALOGUE_CACHE_DEFAULTS, type CatalogueCachePolicies } from './catalogue/catalogue.ts';
import { CatalogueClient } from './catalogue/client.ts';
import { createCatalogContext, type CatalogContext } from './context.ts';
import { resolvers } from './resolvers.ts';

export interface CatalogConfig {
  /** Base URL of the Catalogue's REST API (the stand-in by default). */
  catalogueUrl: string;
  /**
   * The public base of product pictures: `<mediaBaseUrl>/<path>` (the gateway's `/media`, or a CDN), never
   * the Catalogue's own host. Default: CATALOG_DEFAULTS.mediaBaseUrl (development only).
   */
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
  /** The gateway's `/media` on its default port, which streams the pictures from the Catalogue. */
  mediaBaseUrl: 'http://127.0.0.1:4000/media',
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

/** PASSERELLE_MEDIA_BASE_URL: the public base of pictures; required in production (NODE_ENV=production). */
function mediaBaseUrlFromEnv(env: NodeJS.ProcessEnv): string {
  const configured = env['PASSERELLE_MEDIA_BASE_URL'];
  if (configured) return configured;
  if (env['NODE_ENV'] === 'production') throw new Error('PASSERELLE_MEDIA_BASE_URL is required in production (the public base of product pictures, e.g. https://shop.example.com/media)');
  return CATALOG_DEFAULTS.mediaBaseUrl;
}

/** Clients must never be sent to the Catalogue itself: its host is an internal one. */
function publicMediaBase(value: string, catalogueUrl: string): string {
  const base = httpUrl(value, 'mediaBaseUrl');
  if (new URL(base).origin === new URL(catalogueUrl).origin) throw new Error('mediaBaseUrl must not be the Catalogue\'s own host: pictures go through the gateway\'s /media or a CDN');
  return base;
}

export function catalogConfigFromEnv(env: NodeJS.ProcessEnv): CatalogConfig {
  const catalogueUrl = env['PASSERELLE_CATALOGUE_URL'] || CATALOG_DEFAULTS.catalogueUrl;
  return {
    catalogueUrl,
    mediaBaseUrl: mediaBaseUrlFromEnv(env),
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
  const mediaBaseUrl = publicMediaBase(config.mediaBaseUrl ?? CATALOG_DEFAULTS.mediaBaseUrl, catalogueUrl);
  const client = new CatalogueClient({ baseUrl: catalogueUrl, timeoutMs: config.timeoutMs, maxResponseBytes: config.maxResponseBytes });
  const cache = config.cache ?? {};
  const catalogue = new Catalogue(client, {
    mediaBaseUrl,
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
