/**
 * The legacy-system policies as prom-client metrics, for a subgraph's `GET /metrics`: breaker state,
 * bulkhead occupancy, retries spent and refused, calls refused, one series per system. Nothing is counted
 * twice: each metric reads the policies' own counters (legacyPolicySnapshots) when scraped. Two policies of
 * one system (two clients) add up; its breaker shows the worse state.
 */
import { Counter, Gauge, type Registry } from 'prom-client';
import type { PolicySnapshot } from './policy-snapshot.ts';

const BREAKER_VALUE: Record<PolicySnapshot['breaker'], number> = { closed: 0, 'half-open': 1, open: 2 };

const SERIES: readonly { name: string; type: 'gauge' | 'counter'; help: string; read: (s: PolicySnapshot) => number; worst?: true }[] = [
  { name: 'passerelle_legacy_breaker_state', type: 'gauge', help: 'Circuit breaker of the legacy system: 0 closed, 1 half-open, 2 open.', read: (s) => BREAKER_VALUE[s.breaker], worst: true },
  { name: 'passerelle_legacy_breaker_openings_total', type: 'counter', help: 'Times the breaker opened.', read: (s) => s.opened },
  { name: 'passerelle_legacy_calls_in_flight', type: 'gauge', help: 'Calls to the legacy system in flight (bulkhead slots taken).', read: (s) => s.inFlight },
  { name: 'passerelle_legacy_calls_queued', type: 'gauge', help: 'Calls waiting for a bulkhead slot.', read: (s) => s.queued },
  { name: 'passerelle_legacy_bulkhead_capacity', type: 'gauge', help: 'Bulkhead slots of the legacy system (calls it may have in flight at once).', read: (s) => s.maxConcurrent },
  { name: 'passerelle_legacy_calls_total', type: 'counter', help: 'Calls asked of the legacy system (first attempts).', read: (s) => s.calls },
  { name: 'passerelle_legacy_retries_total', type: 'counter', help: 'Retries made.', read: (s) => s.retries },
  { name: 'passerelle_legacy_retries_refused_total', type: 'counter', help: 'Retries the retry budget refused.', read: (s) => s.retriesRefused },
  { name: 'passerelle_legacy_short_circuited_total', type: 'counter', help: 'Calls failed at once by an open breaker.', read: (s) => s.shortCircuited },
  { name: 'passerelle_legacy_overloaded_total', type: 'counter', help: 'Calls refused by a full bulkhead (UPSTREAM_OVERLOADED).', read: (s) => s.overloaded },
  { name: 'passerelle_legacy_deadline_exceeded_total', type: 'counter', help: 'Calls not started because the request ran out of time.', read: (s) => s.deadlineExceeded },
];

/** Values by system: summed over its policies, or their maximum for the breaker. */
function bySystem(snapshots: readonly PolicySnapshot[], read: (s: PolicySnapshot) => number, worst: boolean): Map<string, number> {
  const values = new Map<string, number>();
  for (const s of snapshots) {
    const before = values.get(s.system);
    values.set(s.system, before === undefined ? read(s) : worst ? Math.max(before, read(s)) : before + read(s));
  }
  return values;
}

/** Registers the policy metrics on `registry`, read from `snapshots()` at every scrape. */
export function registerPolicyMetrics(registry: Registry, snapshots: () => readonly PolicySnapshot[]): void {
  for (const series of SERIES) {
    const values = () => bySystem(snapshots(), series.read, series.worst === true);
    const common = { name: series.name, help: series.help, labelNames: ['system'], registers: [registry] };
    if (series.type === 'gauge') {
      new Gauge({ ...common, collect() { this.reset(); for (const [system, value] of values()) this.set({ system }, value); } });
    } else {
      new Counter({ ...common, collect() { this.reset(); for (const [system, value] of values()) this.inc({ system }, value); } });
    }
  }
}
