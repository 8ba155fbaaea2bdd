/**
 * The domain subgraphs of this repository, by name, with the legacy system each one wraps. The dev
 * stack and `npm run subgraph` build them from here; the gateway itself knows none of them.
 */
import type { SubgraphDefinition } from './runtime/definition.ts';
import { createBillingSubgraph, billingConfigFromEnv } from './billing/index.ts';
import { createCatalogSubgraph, catalogConfigFromEnv } from './catalog/index.ts';
import { createInventorySubgraph, inventoryConfigFromEnv } from './inventory/index.ts';
import { createOrderingSubgraph, orderingConfigFromEnv } from './ordering/index.ts';
import { createPartySubgraph, partyConfigFromEnv } from './party/index.ts';

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
}

const withOverrides = <C extends { timeoutMs: number }>(config: C, key: keyof C, o?: BuildOverrides): C => ({
  ...config,
  ...(o?.legacyUrl ? { [key]: o.legacyUrl } : {}),
  ...(o?.timeoutMs ? { timeoutMs: o.timeoutMs } : {}),
});

export const SUBGRAPHS: Readonly<Record<SubgraphName, SubgraphEntry>> = Object.freeze({
  party: { legacy: 'crm', defaultPort: 4001, build: (env, o) => createPartySubgraph(withOverrides(partyConfigFromEnv(env), 'crmUrl', o)) },
  catalog: {
    legacy: 'catalogue', defaultPort: 4002,
    build: (env, o) => {
      const fromEnv = withOverrides(catalogConfigFromEnv(env), 'catalogueUrl', o);
      const config = {
        ...fromEnv,
        cache: {
          ...fromEnv.cache,
          ...(o?.redisUrl !== undefined ? { redisUrl: o.redisUrl ?? undefined } : {}),
          ...(o?.cacheKeyPrefix ? { keyPrefix: o.cacheKeyPrefix } : {}),
        },
      };
      return createCatalogSubgraph(config);
    },
  },
  ordering: { legacy: 'oms', defaultPort: 4003, build: (env, o) => createOrderingSubgraph(withOverrides(orderingConfigFromEnv(env), 'omsUrl', o)) },
  billing: { legacy: 'billing', defaultPort: 4004, build: (env, o) => createBillingSubgraph(withOverrides(billingConfigFromEnv(env), 'billingUrl', o)) },
  inventory: { legacy: 'erp', defaultPort: 4005, build: (env, o) => createInventorySubgraph(withOverrides(inventoryConfigFromEnv(env), 'erpUrl', o)) },
});

export const SUBGRAPH_NAMES = Object.keys(SUBGRAPHS) as SubgraphName[];
