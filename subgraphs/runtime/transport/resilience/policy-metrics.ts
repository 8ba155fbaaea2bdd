/**
 * The legacy-system policies in Prometheus' text format, for a subgraph's `GET /metrics`: breaker state,
 * bulkhead occupancy, retries spent and refused, calls refused, one series per system. Written by hand
 * because these few series are all a subgraph exposes so far; prom-client can take over when it grows.
 */
import type { PolicySnapshot } from './policy-snapshot.ts';

const BREAKER_VALUE: Record<PolicySnapshot['breaker'], number> = { closed: 0, 'half-open': 1, open: 2 };

const SERIES: readonly { name: string; type: 'gauge' | 'counter'; help: string; read: (s: PolicySnapshot) => number }[] = [
  { name: 'passerelle_legacy_breaker_state', type: 'gauge', help: 'Circuit breaker of the legacy system: 0 closed, 1 half-open, 2 open.', read: (s) => BREAKER_VALUE[s.breaker] },
  { name: 'passerelle_legacy_breaker_openings_total', type: 'counter', help: 'Times the breaker opened.', read: (s) => s.opened },
  { name: 'passerelle_legacy_calls_in_flight', type: 'gauge', help: 'Calls to the legacy system in flight (bulkhead slots taken).', read: (s) => s.inFlight },
  { name: 'passerelle_legacy_calls_queued', type: 'gauge', help: 'Calls waiting for a bulkhead slot.', read: (s) => s.queued },
  { name: 'passerelle_legacy_calls_total', type: 'counter', help: 'Calls asked of the legacy system (first attempts).', read: (s) => s.calls },
  { name: 'passerelle_legacy_retries_total', type: 'counter', help: 'Retries made.', read: (s) => s.retries },
  { name: 'passerelle_legacy_retries_refused_total', type: 'counter', help: 'Retries the retry budget refused.', read: (s) => s.retriesRefused },
  { name: 'passerelle_legacy_short_circuited_total', type: 'counter', help: 'Calls failed at once by an open breaker.', read: (s) => s.shortCircuited },
  { name: 'passerelle_legacy_overloaded_total', type: 'counter', help: 'Calls refused by a full bulkhead (UPSTREAM_OVERLOADED).', read: (s) => s.overloaded },
  { name: 'passerelle_legacy_deadline_exceeded_total', type: 'counter', help: 'Calls not started because the request ran out of time.', read: (s) => s.deadlineExceeded },
];

const label = (value: string): string => value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

export function renderPolicyMetrics(snapshots: readonly PolicySnapshot[]): string {
  return SERIES.map((series) => [
    `# HELP ${series.name} ${series.help}`,
    `# TYPE ${series.name} ${series.type}`,
    ...snapshots.map((s) => `${series.name}{system="${label(s.system)}"} ${series.read(s)}`),
  ].join('\n')).join('\n') + '\n';
}
