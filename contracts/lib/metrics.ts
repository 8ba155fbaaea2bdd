/**
 * What every Passerelle process shares about Prometheus metrics (prom-client): each component keeps its
 * metrics on a Registry of its own, never prom-client's global one, so that several gateways, subgraphs
 * and registries in one process (tests, the dev stack) never collide. The process metrics
 * (collectDefaultMetrics: CPU, memory, event loop, GC) describe the process, not a component: they are
 * collected once per process and merged into every component's scrape, rather than starting one GC
 * observer and one event-loop monitor per component.
 */
import { collectDefaultMetrics, Registry } from 'prom-client';

let processDefaults: Registry | null = null;

/** The process metrics, collected from the first call on. */
function processMetrics(): Registry {
  if (!processDefaults) {
    processDefaults = new Registry();
    collectDefaultMetrics({ register: processDefaults });
  }
  return processDefaults;
}

/** A component's own registry; its scrape also carries the process metrics (renderMetrics). */
export function createMetricsRegistry(): Registry {
  processMetrics();
  return new Registry();
}

/** The text a component's `GET /metrics` answers: its own metrics and the process's. */
export async function renderMetrics(registry: Registry): Promise<string> {
  return Registry.merge([processMetrics(), registry]).metrics();
}

export const METRICS_CONTENT_TYPE = Registry.PROMETHEUS_CONTENT_TYPE;

/**
 * Label values from outside (operation names, route names, subgraph names) let through up to `max`
 * distinct values; later ones become `overflow`, so that no caller can grow a series set without bound.
 */
export function boundedLabel(max: number, overflow = '(other)'): (value: string) => string {
  const seen = new Set<string>();
  return (value) => {
    if (seen.has(value)) return value;
    if (seen.size >= max) return overflow;
    seen.add(value);
    return value;
  };
}
