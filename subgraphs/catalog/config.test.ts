import { describe, expect, it } from 'vitest';
import { CATALOGUE_CACHE_DEFAULTS } from './catalogue/catalogue-data-source.ts';
import { CATALOG_DEFAULTS, catalogConfigFromEnv, loadCatalogConfig } from './config.ts';
import { createCatalogSubgraph } from './index.ts';

describe('catalog configuration', () => {
  it('defaults to the Catalogue stand-in, and to pictures through the gateway\'s /media', () => {
    expect(catalogConfigFromEnv({})).toEqual({
      catalogueUrl: 'http://127.0.0.1:5002', mediaBaseUrl: 'http://127.0.0.1:4000/media',
      timeoutMs: CATALOG_DEFAULTS.timeoutMs, maxResponseBytes: CATALOG_DEFAULTS.maxResponseBytes,
      cache: { policies: CATALOGUE_CACHE_DEFAULTS }, resilience: {},
    });
  });

  it('reads the environment', () => {
    expect(catalogConfigFromEnv({
      PASSERELLE_CATALOGUE_URL: 'http://127.0.0.1:6002/',
      PASSERELLE_MEDIA_BASE_URL: 'https://cdn.example.com/pictures',
      PASSERELLE_CATALOGUE_TIMEOUT_MS: '1500',
      PASSERELLE_CATALOGUE_MAX_RESPONSE_BYTES: '65536',
      PASSERELLE_CATALOGUE_RESILIENCE: '{"breaker":{"consecutiveFailures":3},"bulkhead":{"maxConcurrent":8}}',
    })).toEqual({
      catalogueUrl: 'http://127.0.0.1:6002', mediaBaseUrl: 'https://cdn.example.com/pictures', timeoutMs: 1500, maxResponseBytes: 65536,
      cache: { policies: CATALOGUE_CACHE_DEFAULTS }, resilience: { breaker: { consecutiveFailures: 3 }, bulkhead: { maxConcurrent: 8 } },
    });
    expect(catalogConfigFromEnv({ PASSERELLE_CATALOGUE_URL: 'http://127.0.0.1:6002/' }).mediaBaseUrl).toBe(CATALOG_DEFAULTS.mediaBaseUrl);
    // A legacy system's resilience overrides: JSON, validated, unknown keys refused, the variable named.
    expect(() => catalogConfigFromEnv({ PASSERELLE_CATALOGUE_RESILIENCE: '{"breakr":{}}' })).toThrow(/PASSERELLE_CATALOGUE_RESILIENCE/);
    expect(() => catalogConfigFromEnv({ PASSERELLE_CATALOGUE_RESILIENCE: '{"retry":{"maxAttempts":50}}' })).toThrow(/PASSERELLE_CATALOGUE_RESILIENCE/);
    expect(() => catalogConfigFromEnv({ PASSERELLE_CATALOGUE_RESILIENCE: 'yes' })).toThrow(/PASSERELLE_CATALOGUE_RESILIENCE/);
  });

  it('needs the public media base in production, and never accepts the Catalogue\'s own host for it', () => {
    expect(() => catalogConfigFromEnv({ NODE_ENV: 'production' })).toThrow(/PASSERELLE_MEDIA_BASE_URL is required in production/);
    expect(catalogConfigFromEnv({ NODE_ENV: 'production', PASSERELLE_MEDIA_BASE_URL: 'https://shop.example.com/media' }).mediaBaseUrl).toBe('https://shop.example.com/media');
    const config = { catalogueUrl: 'http://127.0.0.1:6002', timeoutMs: 1, maxResponseBytes: 1 };
    expect(() => createCatalogSubgraph({ ...config, mediaBaseUrl: 'http://127.0.0.1:6002/media' })).toThrow(/Catalogue's own host/);
    expect(() => createCatalogSubgraph({ ...config, mediaBaseUrl: 'file:///media' })).toThrow(/mediaBaseUrl/);
  });

  it('reads the cache settings: Redis (PASSERELLE_REDIS_URL before REDIS_URL), times to live, 0 to turn a cache off', () => {
    expect(catalogConfigFromEnv({ REDIS_URL: 'redis://127.0.0.1:6390' }).cache.redisUrl).toBe('redis://127.0.0.1:6390');
    expect(catalogConfigFromEnv({
      REDIS_URL: 'redis://127.0.0.1:6390', PASSERELLE_REDIS_URL: 'redis://127.0.0.1:6391',
      PASSERELLE_CATALOGUE_CACHE_TTL_S: '60', PASSERELLE_CATALOGUE_CACHE_SWR_S: '0',
      PASSERELLE_CATALOGUE_CATEGORIES_CACHE_TTL_S: '0', PASSERELLE_CATALOGUE_CATEGORIES_CACHE_SWR_S: '0',
    }).cache).toEqual({
      redisUrl: 'redis://127.0.0.1:6391',
      policies: { offerings: { ttlSeconds: 60, staleSeconds: 0 }, categories: { ttlSeconds: 0, staleSeconds: 0 } },
    });
    // One setting of a policy keeps the other's default.
    expect(catalogConfigFromEnv({ PASSERELLE_CATALOGUE_CACHE_TTL_S: '30' }).cache.policies.offerings)
      .toEqual({ ttlSeconds: 30, staleSeconds: CATALOGUE_CACHE_DEFAULTS.offerings.staleSeconds });
    expect(() => catalogConfigFromEnv({ PASSERELLE_CATALOGUE_CACHE_TTL_S: '-1' })).toThrow(/PASSERELLE_CATALOGUE_CACHE_TTL_S/);
    expect(() => catalogConfigFromEnv({ REDIS_URL: 'http://127.0.0.1:6379' })).toThrow(/REDIS_URL/);
  });

  it('lets overrides (the dev stack) win over the environment; media stay on their public base', () => {
    const config = catalogConfigFromEnv({ PASSERELLE_CATALOGUE_URL: 'http://127.0.0.1:6002', REDIS_URL: 'redis://127.0.0.1:6390' },
      { catalogueUrl: 'http://127.0.0.1:7002', cache: { redisUrl: null, keyPrefix: 'stack:' } });
    expect(config).toMatchObject({ catalogueUrl: 'http://127.0.0.1:7002', mediaBaseUrl: CATALOG_DEFAULTS.mediaBaseUrl, cache: { redisUrl: null, keyPrefix: 'stack:' } });
  });

  it('refuses nonsense at start-up rather than at the first request', () => {
    expect(() => catalogConfigFromEnv({ PASSERELLE_CATALOGUE_TIMEOUT_MS: 'soon' })).toThrow(/PASSERELLE_CATALOGUE_TIMEOUT_MS="soon": must be a positive integer/);
    expect(() => createCatalogSubgraph({ catalogueUrl: 'ftp://127.0.0.1/', timeoutMs: 1, maxResponseBytes: 1 })).toThrow(/catalogueUrl: must be an http\(s\) URL/);
    // A typo is refused, never silently replaced by a default.
    expect(() => loadCatalogConfig({ catalogUrl: 'http://127.0.0.1:6002' } as never)).toThrow(/catalogUrl/);
  });

  it('is frozen', () => {
    const config = catalogConfigFromEnv({});
    expect(Object.isFrozen(config) && Object.isFrozen(config.cache) && Object.isFrozen(config.cache.policies.offerings)).toBe(true);
  });
});
