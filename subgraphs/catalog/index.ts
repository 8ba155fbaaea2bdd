/**
 * The catalog subgraph: product offerings and categories, over the Catalogue (REST/JSON). It owns
 * `ProductOffering @key(id)` (the catalogue code) and `Category`.
 */
import type { Principal } from '../../contracts/principal.ts';
import { createCacheStore } from '../runtime/caching/cache-store.ts';
import type { SubgraphDefinition } from '../runtime/serving/definition.ts';
import { loadSchema } from '../runtime/serving/load-schema.ts';
import { CatalogueDataSource } from './catalogue/catalogue-data-source.ts';
import { loadCatalogConfig, type CatalogConfigInput } from './config.ts';
import { createCatalogContext, type CatalogContext } from './loaders.ts';
import { resolvers } from './resolvers.ts';
import { resilienceOptions } from '../runtime/transport/resilience/resilience-options.ts';

export type CatalogSubgraph = SubgraphDefinition<CatalogContext> & {
  /** The cached data source, to watch its cache (stats, settle) in tests. */
  catalogue: CatalogueDataSource;
  /** Closes the keep-alive connections to the Catalogue and the cache's Redis connection. */
  close(): Promise<void>;
};

export function createCatalogSubgraph(input: CatalogConfigInput): CatalogSubgraph {
  const config = loadCatalogConfig(input);
  const { cache } = config;
  const catalogue = new CatalogueDataSource({
    baseUrl: config.catalogueUrl,
    timeoutMs: config.timeoutMs,
    maxResponseBytes: config.maxResponseBytes,
    resilience: resilienceOptions(config.resilience),
    mediaBaseUrl: config.mediaBaseUrl,
    store: createCacheStore({ redisUrl: cache.redisUrl ?? undefined, keyPrefix: cache.keyPrefix }),
    policies: cache.policies,
    ...(cache.now ? { now: cache.now } : {}),
  });
  return {
    name: 'catalog',
    typeDefs: loadSchema(import.meta.url),
    resolvers,
    createContext: (principal: Principal) => createCatalogContext(catalogue, principal),
    catalogue,
    close: () => catalogue.close(),
  };
}
