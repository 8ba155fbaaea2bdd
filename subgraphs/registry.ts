/**
 * The domain subgraphs of this repository, by name, with the legacy system each one wraps. The dev
 * stack and `npm run subgraph` build them from here; the gateway itself knows none of them.
 */
import type { SubgraphDefinition } from './runtime/serving/definition.ts';
import { billingConfigFromEnv } from './billing/config.ts';
import { createBillingSubgraph } from './billing/index.ts';
import { catalogConfigFromEnv } from './catalog/config.ts';
import { createCatalogSubgraph } from './catalog/index.ts';
import { inventoryConfigFromEnv } from './inventory/config.ts';
import { createInventorySubgraph } from './inventory/index.ts';
import { orderingConfigFromEnv } from './ordering/config.ts';
import { createOrderingSubgraph } from './ordering/index.ts';
import { partyConfigFromEnv } from './party/config.ts';
import { createPartySubgraph } from './party/index.ts';
import type { ResilienceOverrides } from './runtime/transport/resilience/resilience-options.ts';

export type LegacySystem = 'crm' | 'catalogue' | 'oms' | 'billing' | 'erp';
export type SubgraphName = 'party' | 'catalog' | 'ordering' | 'billing' | 'inventory';

/**
 * Each subgraph has its own context type; the registry only hands definitions to startSubgraph(),
 * which is generic over it, so the context type is erased here on purpose.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnySubgraphDefinition = SubgraphDefinition<any>;

export interface SubgraphEntry {
  legacy: LegacySystem;
  defaultPort: number;
  /** Builds the subgraph from the environment, with `legacyUrl` (when given) as its back end. */
  build(env: NodeJS.ProcessEnv, overrides?: BuildOverrides): AnySubgraphDefinition;
}

export interface BuildOverrides {
  legacyUrl?: string;
  timeoutMs?: number;
  /** The Redis of the subgraphs' caches: a URL, or null for in memory, whatever the environment says. */
  redisUrl?: string | null;
  /** Prefix of their Redis keys (a stack whose stand-ins hold their own data uses its own). */
  cacheKeyPrefix?: string;
  /** Overrides of the legacy system's breaker, retries and bulkhead (e.g. a test's short half-open delay). */
  resilience?: ResilienceOverrides;
}

/** The overrides every subgraph takes: its legacy system's URL (`urlKey` of its config) and timeout. */
const legacyOverrides = (urlKey: string, o?: BuildOverrides): Record<string, unknown> => ({
  ...(o?.legacyUrl ? { [urlKey]: o.legacyUrl } : {}),
  ...(o?.timeoutMs ? { timeoutMs: o.timeoutMs } : {}),
  ...(o?.resilience ? { resilience: o.resilience } : {}),
});

export const SUBGRAPHS: Readonly<Record<SubgraphName, SubgraphEntry>> = Object.freeze({
  party: { legacy: 'crm', defaultPort: 4001, build: (env, o) => createPartySubgraph(partyConfigFromEnv(env, legacyOverrides('crmUrl', o))) },
  catalog: {
    legacy: 'catalogue', defaultPort: 4002,
    build: (env, o) => createCatalogSubgraph(catalogConfigFromEnv(env, {
      ...legacyOverrides('catalogueUrl', o),
      cache: {
        ...(o?.redisUrl !== undefined ? { redisUrl: o.redisUrl } : {}),
        ...(o?.cacheKeyPrefix ? { keyPrefix: o.cacheKeyPrefix } : {}),
      },
    })),
  },
  ordering: { legacy: 'oms', defaultPort: 4003, build: (env, o) => createOrderingSubgraph(orderingConfigFromEnv(env, legacyOverrides('omsUrl', o))) },
  billing: { legacy: 'billing', defaultPort: 4004, build: (env, o) => createBillingSubgraph(billingConfigFromEnv(env, legacyOverrides('billingUrl', o))) },
  inventory: { legacy: 'erp', defaultPort: 4005, build: (env, o) => createInventorySubgraph(inventoryConfigFromEnv(env, legacyOverrides('erpUrl', o))) },
});

export const SUBGRAPH_NAMES = Object.keys(SUBGRAPHS) as SubgraphName[];
