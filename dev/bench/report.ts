/**
 * The four sections of the output, one table each, built from what was measured: the comparison with
 * the vanilla gateway (cache off, so that both do the same work), the response cache (cold, warm,
 * disabled), the cache-hit path against its ceiling, and bytes and round trips of the mobile screens.
 */
import type { ScreenBytes } from './bytes-section.ts';
import type { LatencySummary } from './latency.ts';
import { describeCalls, type LegacyCalls } from './legacy-stats.ts';
import type { LoadSummary } from './load.ts';
import type { BenchOptions } from './options.ts';
import type { ProbeResult } from './probe.ts';
import type { SequentialResult } from './sequential.ts';
import { printTable, type Row } from './table.ts';

export interface ScenarioResult {
  scenario: string;
  probe: ProbeResult;
  sequential: SequentialResult;
  load: { vanilla: LoadSummary; cacheOff: LoadSummary; cacheOn: LoadSummary; ceiling: LoadSummary };
}

const percent = (part: number, whole: number): string => `${Math.round((part / whole) * 100)}%`;

export function comparisonRows(results: ScenarioResult[]): Row[] {
  const row = (operation: string, gateway: string, load: LoadSummary, calls: LegacyCalls): Row => ({
    operation, gateway, 'req/s': load.reqPerSec, 'p50 ms': load.p50Ms, 'p99 ms': load.p99Ms, failed: load.failed, 'legacy calls/op': describeCalls(calls),
  });
  return results.flatMap(({ scenario, load, probe }) => [
    row(scenario, 'vanilla @apollo/gateway', load.vanilla, probe.legacyCalls.vanilla),
    row(scenario, 'Passerelle, response cache off', load.cacheOff, probe.legacyCalls.passerelle),
  ]);
}

export function cacheRows(results: ScenarioResult[], options: BenchOptions): Row[] {
  const sequential = (scenario: string, mode: string, s: LatencySummary, calls: string): Row => ({
    operation: scenario, mode, 'measured as': `sequential, ${s.requests} requests`, 'req/s': `${s.reqPerSecSequential} (1000/mean)`,
    'p50 ms': s.p50Ms, 'p99 ms': s.p99Ms, 'legacy calls/op': calls,
  });
  const load = (scenario: string, mode: string, l: LoadSummary, calls: string): Row => ({
    operation: scenario, mode, 'measured as': `load, ${options.connections} connections`, 'req/s': l.reqPerSec, 'p50 ms': l.p50Ms, 'p99 ms': l.p99Ms,
    'legacy calls/op': calls + (l.cache ? ` (${l.cache.hits} hits, ${l.cache.misses} misses)` : ''),
  });
  return results.flatMap(({ scenario, sequential: s, load: l }) => [
    sequential(scenario, 'cold (cache emptied before each)', s.cold, describeCalls(s.legacyCalls.cold)),
    sequential(scenario, 'warm (cache hit)', s.warm, describeCalls(s.legacyCalls.warm)),
    sequential(scenario, 'cache disabled', s.disabled, describeCalls(s.legacyCalls.disabled)),
    load(scenario, 'warm (cache hit)', l.cacheOn, describeCalls(s.legacyCalls.warm)),
    load(scenario, 'cache disabled', l.cacheOff, describeCalls(s.legacyCalls.disabled)),
  ]);
}

export function ceilingRows(results: ScenarioResult[]): Row[] {
  return results.flatMap(({ scenario, probe, load }) => [
    { operation: scenario, server: 'bare node:http, same bytes', 'req/s': load.ceiling.reqPerSec, 'p50 ms': load.ceiling.p50Ms, 'p99 ms': load.ceiling.p99Ms, 'response bytes': probe.responseBytes, 'of the ceiling': '100%' },
    { operation: scenario, server: 'Passerelle, warm (cache hit)', 'req/s': load.cacheOn.reqPerSec, 'p50 ms': load.cacheOn.p50Ms, 'p99 ms': load.cacheOn.p99Ms, 'response bytes': probe.responseBytes, 'of the ceiling': percent(load.cacheOn.reqPerSec, load.ceiling.reqPerSec) },
  ]);
}

export function bytesRows(screens: ScreenBytes[]): Row[] {
  return screens.flatMap(({ screen, passerelle: p, direct: d }) => [
    { screen, client: 'Passerelle (1 GraphQL request)', 'round trips': p.roundTrips, 'dependent steps': p.dependentSteps, 'request bytes': p.requestBytes, 'response bytes': p.responseBytes, 'total bytes': p.requestBytes + p.responseBytes, 'legacy calls behind Passerelle': describeCalls(p.legacyCallsBehind) },
    { screen, client: 'legacy REST + SOAP, directly', 'round trips': d.roundTrips, 'dependent steps': d.dependentSteps, 'request bytes': d.requestBytes, 'response bytes': d.responseBytes, 'total bytes': d.requestBytes + d.responseBytes, 'legacy calls behind Passerelle': '-' },
  ]);
}

export function printReport(results: ScenarioResult[], screens: ScreenBytes[], options: BenchOptions, cacheStore: string, variants: number): void {
  const rounds = `${options.rounds} rounds of ${options.duration} s per target in rotating order (means shown), ${options.connections} connections, after ${options.warmup} s of warm-up`;
  printTable('Comparison: Passerelle (response cache off) against a vanilla @apollo/gateway', comparisonRows(results),
    `${rounds}. Both gateways over the same subgraphs and legacy stand-ins, with byte-identical answers. Requests rotate through ${variants} variants (account home: ${variants} customers; catalogue page: ${variants} client versions), so no two in-flight requests are identical and Passerelle cannot share subgraph fetches among them. Legacy calls/op: one operation alone, subgraph caches warm.`);
  for (const r of results) console.log(`${r.scenario}: Passerelle (cache off) at ${percent(r.load.cacheOff.reqPerSec, r.load.vanilla.reqPerSec)} of the vanilla gateway's throughput`);
  printTable(`Response cache (${cacheStore})`, cacheRows(results, options),
    'Sequential: one request at a time, cold/warm/disabled interleaved; cold = the answer purged (POST /admin/cache/purge) just before. The gateway counted exactly one miss and one hit per cold/warm pair.');
  printTable('Cache-hit path against its ceiling', ceilingRows(results), `Measured in the same rotation as the comparison (${rounds}).`);
  printTable('Bytes and round trips per mobile screen', bytesRows(screens),
    'Bytes on the wire (headers included, no compression), one connection per exchange. Dependent steps: calls that must wait for an earlier answer, plus the first.');
  for (const { screen, direct } of screens) {
    console.log(`\n${screen}, directly: ${direct.calls.map((c) => `[step ${c.step}] ${c.system} ${c.call} (${c.requestBytes} + ${c.responseBytes} B)`).join('; ')}`);
  }
}
