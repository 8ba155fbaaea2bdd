/**
 * The catalog subgraph's settings: where the Catalogue and its pictures are, how long to wait for it,
 * and how its records are cached. Read once from the environment (PASSERELLE_CATALOGUE_*, the Redis URL),
 * validated, frozen; unknown keys are refused.
 */
import { z } from 'zod';
import {
  ConfigError, configFromEnv, httpUrl, intVar, jsonVar, loadConfig, nonNegativeInt, positiveInt, redisUrl, textVar,
} from '../runtime/serving/env.ts';
import { resilienceOverridesSchema } from '../runtime/transport/resilience/resilience-options.ts';
import { LEGACY_HTTP_DEFAULTS } from '../runtime/transport/legacy-http.ts';
import { CATALOGUE_CACHE_DEFAULTS } from './catalogue/catalogue-data-source.ts';

export const CATALOG_DEFAULTS = Object.freeze({
  catalogueUrl: 'http://127.0.0.1:5002',
  /** The gateway's `/media` on its default port, which streams the pictures from the Catalogue. */
  mediaBaseUrl: 'http://127.0.0.1:4000/media',
  timeoutMs: LEGACY_HTTP_DEFAULTS.timeoutMs,
  maxResponseBytes: LEGACY_HTTP_DEFAULTS.maxResponseBytes,
  cache: CATALOGUE_CACHE_DEFAULTS,
  /** No overrides: the named defaults of runtime/transport/resilience/resilience-options.ts. */
  resilience: Object.freeze({}),
});

/** Fresh for ttlSeconds, then served stale (and refreshed) for staleSeconds more; 0 and 0 turn it off. */
const cachePolicy = (defaults: { ttlSeconds: number; staleSeconds: number }) => z.strictObject({
  ttlSeconds: nonNegativeInt.default(defaults.ttlSeconds),
  staleSeconds: nonNegativeInt.default(defaults.staleSeconds),
}).prefault({});

const catalogConfigSchema = z.strictObject({
  /** Base URL of the Catalogue's REST API (the stand-in by default). */
  catalogueUrl: httpUrl.default(CATALOG_DEFAULTS.catalogueUrl),
  /**
   * The public base of product pictures: `<mediaBaseUrl>/<path>` (the gateway's `/media`, or a CDN),
   * never the Catalogue's own host, which is an internal one. Required in production.
   */
  mediaBaseUrl: httpUrl.default(CATALOG_DEFAULTS.mediaBaseUrl),
  /** Per Catalogue call, connection included. */
  timeoutMs: positiveInt.default(CATALOG_DEFAULTS.timeoutMs),
  maxResponseBytes: positiveInt.default(CATALOG_DEFAULTS.maxResponseBytes),
  /** The cache of catalogue records. */
  cache: z.strictObject({
    /** Redis shared by every catalog instance; null or absent: in memory, for this process only. */
    redisUrl: redisUrl.nullish(),
    /** Prefix of every Redis key; a test stack uses its own, as its stand-ins' data are its own. */
    keyPrefix: z.string().min(1).optional(),
    policies: z.strictObject({
      /** Offerings by code and pages of offerings (prices included). */
      offerings: cachePolicy(CATALOGUE_CACHE_DEFAULTS.offerings),
      /** The category list, which changes a few times a year. */
      categories: cachePolicy(CATALOGUE_CACHE_DEFAULTS.categories),
    }).prefault({}),
    /** The clock the cache judges freshness by (tests). */
    now: z.custom<() => number>((value) => typeof value === 'function', { error: 'must be a function' }).optional(),
  }).prefault({}),
  /** Breaker, retries and bulkhead of the Catalogue calls: overrides of the named defaults (runtime/transport/resilience/). */
  resilience: resilienceOverridesSchema.default({}),
}).refine((config) => new URL(config.mediaBaseUrl).origin !== new URL(config.catalogueUrl).origin, {
  path: ['mediaBaseUrl'], error: 'must not be the Catalogue\'s own host: pictures go through the gateway\'s /media or a CDN',
});

/** The variable each setting is read from. */
export const CATALOG_ENV = Object.freeze({
  catalogueUrl: textVar('PASSERELLE_CATALOGUE_URL'),
  mediaBaseUrl: textVar('PASSERELLE_MEDIA_BASE_URL'),
  timeoutMs: intVar('PASSERELLE_CATALOGUE_TIMEOUT_MS'),
  maxResponseBytes: intVar('PASSERELLE_CATALOGUE_MAX_RESPONSE_BYTES'),
  cache: {
    redisUrl: textVar('PASSERELLE_REDIS_URL', 'REDIS_URL'),
    policies: {
      offerings: { ttlSeconds: intVar('PASSERELLE_CATALOGUE_CACHE_TTL_S'), staleSeconds: intVar('PASSERELLE_CATALOGUE_CACHE_SWR_S') },
      categories: {
        ttlSeconds: intVar('PASSERELLE_CATALOGUE_CATEGORIES_CACHE_TTL_S'),
        staleSeconds: intVar('PASSERELLE_CATALOGUE_CATEGORIES_CACHE_SWR_S'),
      },
    },
  },
  resilience: jsonVar('PASSERELLE_CATALOGUE_RESILIENCE'),
});

export type CatalogConfigInput = z.input<typeof catalogConfigSchema>;
export type CatalogConfig = Readonly<z.output<typeof catalogConfigSchema>>;

export const loadCatalogConfig = (input: CatalogConfigInput = {}): CatalogConfig => loadConfig('catalog', catalogConfigSchema, input);

export function catalogConfigFromEnv(env: NodeJS.ProcessEnv, overrides?: CatalogConfigInput): CatalogConfig {
  // The development default names the gateway on 127.0.0.1: in production the public base must be said.
  if (env['NODE_ENV'] === 'production' && !env['PASSERELLE_MEDIA_BASE_URL'] && !overrides?.mediaBaseUrl) {
    throw new ConfigError('Invalid catalog subgraph configuration:\n  - PASSERELLE_MEDIA_BASE_URL is required in production (the public base of product pictures, e.g. https://shop.example.com/media)');
  }
  return configFromEnv('catalog', catalogConfigSchema, CATALOG_ENV, env, overrides);
}
