/**
 * The inventory subgraph: availability of product offerings from the ERP's stock service (SOAP).
 * Serve it with startSubgraph(createInventorySubgraph(inventoryConfigFromEnv(process.env)), ...).
 */
import type { SubgraphDefinition } from '../runtime/serving/definition.ts';
import { positiveIntFromEnv } from '../runtime/serving/env.ts';
import { loadSchema } from '../runtime/serving/load-schema.ts';
import { createInventoryContext, type InventoryContext } from './loaders.ts';
import { ErpDataSource } from './erp/erp-data-source.ts';
import { resolvers } from './resolvers.ts';

export interface InventoryConfig {
  /** Base URL of the ERP (the stand-in, or the real one); the stock service lives at /StockService. */
  erpUrl: string;
  /** Per ERP call, connection included. */
  timeoutMs: number;
  /** Largest ERP response read; a bigger one is an UPSTREAM_ERROR. */
  maxResponseBytes: number;
}

export const INVENTORY_DEFAULTS: Readonly<InventoryConfig> = Object.freeze({
  erpUrl: 'http://127.0.0.1:5005',
  timeoutMs: 5_000,
  // A full batch (200 codes x 4 warehouses) is about 200 KB of XML: 2 MiB leaves room and stops a runaway answer.
  maxResponseBytes: 2 * 1024 * 1024,
});

export function inventoryConfigFromEnv(env: NodeJS.ProcessEnv): InventoryConfig {
  return {
    erpUrl: env['PASSERELLE_ERP_URL'] || INVENTORY_DEFAULTS.erpUrl,
    timeoutMs: positiveIntFromEnv(env, 'PASSERELLE_ERP_TIMEOUT_MS', INVENTORY_DEFAULTS.timeoutMs),
    maxResponseBytes: positiveIntFromEnv(env, 'PASSERELLE_ERP_MAX_RESPONSE_BYTES', INVENTORY_DEFAULTS.maxResponseBytes),
  };
}

export function createInventorySubgraph(config: InventoryConfig): SubgraphDefinition<InventoryContext> & { close(): Promise<void> } {
  const erp = new ErpDataSource(config);
  return {
    name: 'inventory',
    typeDefs: loadSchema(import.meta.url),
    resolvers,
    createContext: (principal) => createInventoryContext(erp, principal),
    /** Releases the keep-alive connections to the legacy system. */
    close: () => erp.close(),
  };
}
