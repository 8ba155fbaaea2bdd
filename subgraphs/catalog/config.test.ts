import { describe, expect, it } from 'vitest';
import { CATALOG_DEFAULTS, catalogConfigFromEnv, createCatalogSubgraph } from './index.ts';

describe('catalog configuration', () => {
  it('defaults to the Catalogue stand-in and its own media', () => {
    expect(catalogConfigFromEnv({})).toEqual({
      catalogueUrl: 'http://127.0.0.1:5002', mediaBaseUrl: 'http://127.0.0.1:5002/media',
      timeoutMs: CATALOG_DEFAULTS.timeoutMs, maxResponseBytes: CATALOG_DEFAULTS.maxResponseBytes,
    });
  });

  it('reads the environment', () => {
    expect(catalogConfigFromEnv({
      PASSERELLE_CATALOGUE_URL: 'http://127.0.0.1:6002/',
      PASSERELLE_CATALOGUE_MEDIA_URL: 'https://cdn.example.com/pictures',
      PASSERELLE_CATALOGUE_TIMEOUT_MS: '1500',
      PASSERELLE_CATALOGUE_MAX_RESPONSE_BYTES: '65536',
    })).toEqual({
      catalogueUrl: 'http://127.0.0.1:6002/', mediaBaseUrl: 'https://cdn.example.com/pictures', timeoutMs: 1500, maxResponseBytes: 65536,
    });
    expect(catalogConfigFromEnv({ PASSERELLE_CATALOGUE_URL: 'http://127.0.0.1:6002/' }).mediaBaseUrl).toBe('http://127.0.0.1:6002/media');
  });

  it('refuses nonsense at start-up rather than at the first request', () => {
    expect(() => catalogConfigFromEnv({ PASSERELLE_CATALOGUE_TIMEOUT_MS: 'soon' })).toThrow(/PASSERELLE_CATALOGUE_TIMEOUT_MS/);
    expect(() => createCatalogSubgraph({ catalogueUrl: 'ftp://127.0.0.1/', timeoutMs: 1, maxResponseBytes: 1 })).toThrow(/catalogueUrl/);
  });
});
