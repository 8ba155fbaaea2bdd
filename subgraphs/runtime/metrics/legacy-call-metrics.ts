/**
 * How long each attempt of each legacy call takes, by system, route and outcome: a subscriber of the
 * legacy-call diagnostics channel (transport/legacy-call-channel.ts), so the transport is not edited
 * for it. Routes are already low-cardinality names ("GET /clients/:id"); a cap bounds them all the same.
 */
import { Histogram } from 'prom-client';
import { boundedLabel } from '../../../contracts/lib/metrics.ts';
import { legacyCallChannel, type LegacyCallContext } from '../transport/legacy-call-channel.ts';

/** Process-wide, like the channel: each subgraph's registry shows it (subgraph-metrics.ts). */
export const legacyCallDurations = new Histogram({
  name: 'passerelle_legacy_call_duration_seconds',
  help: 'Attempts of calls to legacy systems, by system, route and outcome (ok, or the error code), retries included.',
  labelNames: ['system', 'route', 'outcome'],
  buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  registers: [],
});

const route = boundedLabel(500);
let subscribed = false;

/** Starts observing legacy calls (once per process). */
export function observeLegacyCalls(): void {
  if (subscribed) return;
  subscribed = true;
  const ignore = () => {};
  // Only asyncEnd matters (the attempt's end, failed or not); Node's typings want every event handled.
  legacyCallChannel.subscribe({
    start: ignore, end: ignore, asyncStart: ignore, error: ignore,
    asyncEnd(call: LegacyCallContext) {
      if (call.durationMs === undefined) return;
      legacyCallDurations.observe({ system: call.system, route: route(call.route), outcome: call.errorCode ?? 'ok' }, call.durationMs / 1000);
    },
  });
}
