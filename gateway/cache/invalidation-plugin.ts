/**
 * Mutations invalidate the entities they changed (as their subgraphs reported them) before their answer
 * is sent: every cached response holding one is removed on every replica sharing the store, and reads that
 * started earlier can no longer be stored (read-your-writes). Always on, whether or not responses are
 * cached: coalesced subgraph fetches rely on the same marks (subgraph/data-source.ts).
 *
 * When the shared store cannot be reached within `cache.invalidationWaitMs`, the mutation still answers:
 * the invalidation stays pending in this process (its entities are neither served nor stored here) and is
 * delivered in the background; `passerelle_invalidations_deferred_total` counts such answers and
 * `passerelle_invalidations_pending` how many entities wait.
 *
 * Entities seen are also what marks an answer stale: when a subgraph answered part of it from a stale copy
 * in place of a failing system (its entity report says so), the answer carries `extensions.stale: true`,
 * as a stale answer of the response cache does, and the fetch made it uncacheable (subgraph/data-source.ts).
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { ResponseStore } from './response-store.ts';
import type { GatewayContext } from '../context.ts';
import type { Metrics } from '../metrics/metrics.ts';

export function useEntityInvalidation({ store, metrics }: { store: ResponseStore; metrics: Metrics }): ApolloServerPlugin<GatewayContext> {
  const invalidated = metrics.counter('passerelle_response_cache_invalidated_total', 'Cached responses removed by invalidations.');
  const deferred = metrics.counter('passerelle_invalidations_deferred_total', 'Mutations answered before their invalidation reached the shared cache (delivered later).');
  metrics.gauge('passerelle_invalidations_pending', 'Entities whose invalidation waits for the shared cache: not served nor stored meanwhile.', () => store.pendingInvalidations);
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ operation, contextValue, response }) {
          if (contextValue.entities.stale && response.body.kind === 'single') {
            response.body.singleResult.extensions = { ...response.body.singleResult.extensions, stale: true };
          }
          if (operation?.operation !== 'mutation' || contextValue.entities.invalidated.size === 0) return;
          const outcome = await store.invalidate([...contextValue.entities.invalidated]);
          invalidated(outcome.removed);
          if (!outcome.delivered) deferred();
        },
      };
    },
  };
}
