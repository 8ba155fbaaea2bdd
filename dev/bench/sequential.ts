/**
 * One client, one request at a time, through Passerelle: cold (the response cache emptied of this
 * answer by the purge endpoint just before), warm (the same request again: a hit) and with the cache
 * disabled (the other instance). The three are interleaved request by request, so that drift of a shared
 * machine weighs on each alike, and the cache-on instance's counters must show exactly one miss and
 * one hit per iteration: otherwise the figures would not be what their labels say.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { BenchStack } from './bench-stack.ts';
import { cacheCounters, countersSince, purge, type CacheCounters } from './gateway-admin.ts';
import { summarize, timed, type LatencySummary } from './latency.ts';
import { legacyCallsOf, type LegacyCalls } from './legacy-stats.ts';
import { post, type LoadScenario, type Variant } from './scenarios.ts';

export interface SequentialResult {
  cold: LatencySummary; warm: LatencySummary; disabled: LatencySummary;
  legacyCalls: { cold: LegacyCalls; warm: LegacyCalls; disabled: LegacyCalls };
  /** The cache-on instance's counters over the interleaved requests. */
  counters: CacheCounters;
}

/** The purge is remembered against reads that started at or before it (read-your-writes): start after. */
const AFTER_PURGE_MS = 2;

export async function measureSequential(stack: BenchStack, scenario: LoadScenario, n: number): Promise<SequentialResult> {
  const { cacheOn, cacheOff } = stack.passerelle;
  const request = (scenario.variants[0] as Variant).passerelle;
  const tags = scenario.purgeTags(JSON.parse((await post(cacheOn, request)).text));
  const cold = async () => { await purge(cacheOn, stack.purgeSecret, tags); await sleep(AFTER_PURGE_MS); await post(cacheOn, request); };
  const legacy = stack.info.legacy;
  const legacyCalls = {
    cold: await legacyCallsOf(legacy, cold),
    warm: await legacyCallsOf(legacy, () => post(cacheOn, request)),
    disabled: await legacyCallsOf(legacy, () => post(cacheOff, request)),
  };

  const latencies = { cold: [] as number[], warm: [] as number[], disabled: [] as number[] };
  const before = await cacheCounters(cacheOn);
  for (let i = 0; i < n; i++) {
    const removed = await purge(cacheOn, stack.purgeSecret, tags);
    if (i === 0 && removed === 0) throw new Error(`${scenario.name}: purging ${tags.join(', ')} removed nothing: not the cached answer's entities`);
    await sleep(AFTER_PURGE_MS);
    latencies.cold.push(await timed(() => post(cacheOn, request)));
    latencies.warm.push(await timed(() => post(cacheOn, request)));
    latencies.disabled.push(await timed(() => post(cacheOff, request)));
  }
  const counters = countersSince(before, await cacheCounters(cacheOn));
  if (counters.misses !== n || counters.hits !== n) {
    throw new Error(`${scenario.name}: expected ${n} misses and ${n} hits, the gateway counted ${counters.misses} and ${counters.hits}`);
  }
  return { cold: summarize(latencies.cold), warm: summarize(latencies.warm), disabled: summarize(latencies.disabled), legacyCalls, counters };
}
