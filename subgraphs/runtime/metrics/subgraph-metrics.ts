/**
 * A subgraph's metrics, on a prom-client Registry of its own (contracts/lib/metrics.ts), for its
 * `GET /metrics`: GraphQL requests served, the legacy-system policies (breaker, bulkhead, retries), legacy
 * call durations and DataLoader batch sizes, plus the process metrics. The last two are process-wide
 * (the channel and the loaders have no subgraph instance at hand): in a process serving several
 * subgraphs (tests, the dev stack), each shows them all, told apart by their labels.
 */
import { Counter } from 'prom-client';
import { createMetricsRegistry, renderMetrics } from '../../../contracts/lib/metrics.ts';
import { legacyPolicySnapshots } from '../transport/resilience/policy-registry.ts';
import { registerPolicyMetrics } from '../transport/resilience/policy-metrics.ts';
import { legacyCallDurations, observeLegacyCalls } from './legacy-call-metrics.ts';
import { batchSizes } from './observed-data-loader.ts';

export interface SubgraphMetrics {
  /** One GraphQL request served (after its internal token was accepted). */
  served(): void;
  render(): Promise<string>;
}

export function createSubgraphMetrics(subgraph: string): SubgraphMetrics {
  const registry = createMetricsRegistry();
  const requests = new Counter({ name: 'passerelle_subgraph_requests_total', help: 'GraphQL requests served by the subgraph.', labelNames: ['subgraph'], registers: [registry] });
  requests.inc({ subgraph }, 0);
  registerPolicyMetrics(registry, legacyPolicySnapshots);
  observeLegacyCalls();
  registry.registerMetric(legacyCallDurations);
  registry.registerMetric(batchSizes);
  return { served: () => requests.inc({ subgraph }), render: () => renderMetrics(registry) };
}
