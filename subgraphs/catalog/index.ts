/**
 * The catalog subgraph: product offerings and categories, over the Catalogue (REST/JSON). It owns
 * `ProductOffering @key(id)` (the catalogue code) and `Category`.
 */
import type { Principal } from '../../gateway/auth/principal.ts';
import type { SubgraphDefinition } from '../runtime/definition.ts';
import { LEGACY_HTTP_DEFAULTS } from '../runtime/legacy-http.ts';
import { positiveIntFromEnv } from '../runtime/env.ts';
import { loadSchema } from '../runtime/load-schema.ts';
import { CatalogueClient } from './catalogue/client.ts';
import { createCatalogContext, type CatalogContext } from './context.ts';
import { resolvers } from './resolvers.ts';

export interface CatalogConfig {
  /** Base URL of the Catalogue's REST API (the stand-in by default). */
  catalogueUrl: string;
  /** Where product pictures are served from; default: the Catalogue's own `/media`. */
  mediaBaseUrl?: string;
  /** Per Catalogue call, connection included. */
  timeoutMs: number;
  maxResponseBytes: number;
}

export const CATALOG_DEFAULTS = Object.freeze({
  catalogueUrl: 'http://127.0.0.1:5002',
  timeoutMs: LEGACY_HTTP_DEFAULTS.timeoutMs,
  maxResponseBytes: LEGACY_HTTP_DEFAULTS.maxResponseBytes,
});

export type CatalogSubgraph = SubgraphDefinition<CatalogContext> & {
  /** Closes the keep-alive connections to the Catalogue. */
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
  };
}

export function createCatalogSubgraph(config: CatalogConfig): CatalogSubgraph {
  const catalogueUrl = httpUrl(config.catalogueUrl, 'catalogueUrl');
  const catalogue = new CatalogueClient({
    baseUrl: catalogueUrl,
    mediaBaseUrl: httpUrl(config.mediaBaseUrl ?? `${catalogueUrl}/media`, 'mediaBaseUrl'),
    timeoutMs: config.timeoutMs,
    maxResponseBytes: config.maxResponseBytes,
  });
  return {
    name: 'catalog',
    typeDefs: loadSchema(import.meta.url),
    resolvers,
    createContext: (principal: Principal) => createCatalogContext(principal, catalogue),
    close: () => catalogue.close(),
  };
}
