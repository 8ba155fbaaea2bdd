/**
 * How long the gateway's fetches to each subgraph take (subgraph/data-source.ts reports every fetch it
 * sends; a fetch shared by identical requests is one fetch), and whether an answer came at all.
 */
import { Histogram, type Registry } from 'prom-client';
import { REQUEST_BUCKETS } from './request-metrics-plugin.ts';

export function subgraphFetchObserver(registry: Registry): (subgraph: string, seconds: number, outcome: 'ok' | 'error') => void {
  const duration = new Histogram({
    name: 'passerelle_subgraph_fetch_duration_seconds', help: 'Fetches sent to a subgraph, by subgraph and outcome (ok: an answer came; error: none, or an HTTP error).',
    labelNames: ['subgraph', 'outcome'], buckets: REQUEST_BUCKETS, registers: [registry],
  });
  // Subgraph names come from the supergraph the gateway serves: a bounded set.
  return (subgraph, seconds, outcome) => duration.observe({ subgraph, outcome }, seconds);
}
