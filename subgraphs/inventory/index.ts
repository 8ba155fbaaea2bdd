/**
 * The inventory subgraph: availability of product offerings from the ERP's stock service (SOAP).
 * Serve it with startSubgraph(createInventorySubgraph(inventoryConfigFromEnv(process.env)), ...).
 */
import type { SubgraphDefinition } from '../runtime/serving/definition.ts';
import { loadSchema } from '../runtime/serving/load-schema.ts';
import { loadInventoryConfig, type InventoryConfigInput } from './config.ts';
import { ErpDataSource } from './erp/erp-data-source.ts';
import { createInventoryContext, type InventoryContext } from './loaders.ts';
import { resolvers } from './resolvers.ts';
import { resilienceOptions } from '../runtime/transport/resilience/resilience-options.ts';

export function createInventorySubgraph(input: InventoryConfigInput): SubgraphDefinition<InventoryContext> & { close(): Promise<void> } {
  const config = loadInventoryConfig(input);
  const erp = new ErpDataSource({
    baseUrl: config.erpUrl, timeoutMs: config.timeoutMs, maxResponseBytes: config.maxResponseBytes, resilience: resilienceOptions(config.resilience),
  });
  return {
    name: 'inventory',
    typeDefs: loadSchema(import.meta.url),
    resolvers,
    createContext: (principal) => createInventoryContext(erp, principal),
    /** Releases the keep-alive connections to the legacy system. */
    close: () => erp.close(),
  };
}
