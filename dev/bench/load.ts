/**
 * Throughput under load: autocannon against each target, after a warm-up, in rounds whose order rotates
 * (A B C D, B C D A, ...) so that drift of a shared machine weighs on every target alike. A target
 * with cache counters (Passerelle, cache on) must show that its runs were answered from the cache.
 */
import autocannon from 'autocannon';
import type { BenchOptions } from './options.ts';
import { cacheCounters, countersSince, type CacheCounters } from './gateway-admin.ts';
import type { GraphqlRequest } from './scenarios.ts';

export interface LoadTarget {
  label: string;
  url: string;
  /** Sent in turn, one per request, so that concurrent requests differ. */
  requests: GraphqlRequest[];
  /** A Passerelle gateway whose response-cache counters must show hits (nearly) only. */
  expectHitsFrom?: string;
  /** Run, unmeasured, before each measured run: e.g. refreshing cache entries whose max age is short. */
  prime?: () => Promise<void>;
}

export interface LoadSummary {
  label: string;
  /** Means over the rounds. */
  reqPerSec: number; p50Ms: number; p99Ms: number;
  requests: number;
  /** Non-2xx answers, answers with GraphQL errors and connection errors (timeouts included), summed. */
  failed: number;
  failures: { non2xx: number; graphqlErrors: number; connectionErrors: number; timeouts: number };
  /** Hits and misses counted by the gateway during the measured runs, when it has a cache. */
  cache?: CacheCounters;
}

/**
 * Below this share of hits, a "warm" run would be measuring misses too. Entries whose max age ends
 * during a run are refreshed by one miss each, as in production: a few misses are expected.
 */
const MIN_HIT_RATIO = 0.95;

function run(target: LoadTarget, seconds: number, connections: number): Promise<autocannon.Result> {
  let next = 0;
  return autocannon({
    url: target.url, method: 'POST', connections, duration: seconds,
    // A 200 carrying GraphQL errors is a failure too: a fast failing gateway must not look fast.
    verifyBody: (body) => typeof body === 'string' && !body.includes('"errors"'),
    requests: [{
      setupRequest: (req) => {
        const request = target.requests[next++ % target.requests.length] as GraphqlRequest;
        // Copies: autocannon writes content-length into the headers object it is given.
        return { ...req, method: 'POST', headers: { ...request.headers }, body: request.body };
      },
    }],
  });
}

export async function measureLoad(targets: LoadTarget[], options: BenchOptions): Promise<LoadSummary[]> {
  for (const target of targets) await run(target, options.warmup, options.connections);
  const runs = new Map<LoadTarget, autocannon.Result[]>(targets.map((t) => [t, []]));
  const cache = new Map<LoadTarget, CacheCounters>();
  for (let round = 0; round < options.rounds; round++) {
    const order = [...targets.slice(round % targets.length), ...targets.slice(0, round % targets.length)];
    for (const target of order) {
      await target.prime?.();
      const before = target.expectHitsFrom ? await cacheCounters(target.expectHitsFrom) : undefined;
      runs.get(target)?.push(await run(target, options.duration, options.connections));
      if (target.expectHitsFrom && before) {
        const delta = countersSince(before, await cacheCounters(target.expectHitsFrom));
        const sum = cache.get(target) ?? { hits: 0, misses: 0, stores: 0 };
        cache.set(target, { hits: sum.hits + delta.hits, misses: sum.misses + delta.misses, stores: sum.stores + delta.stores });
      }
    }
  }
  return targets.map((target) => {
    const results = runs.get(target) ?? [];
    const mean = (pick: (r: autocannon.Result) => number, decimals = 0) =>
      Number((results.reduce((sum, r) => sum + pick(r), 0) / results.length).toFixed(decimals));
    const sum = (pick: (r: autocannon.Result) => number) => results.reduce((n, r) => n + pick(r), 0);
    const counters = cache.get(target);
    if (counters && (counters.hits === 0 || counters.hits / (counters.hits + counters.misses) < MIN_HIT_RATIO)) {
      throw new Error(`${target.label}: ${counters.hits} hits and ${counters.misses} misses: the run did not measure the cache-hit path`);
    }
    return {
      label: target.label, reqPerSec: mean((r) => r.requests.average), p50Ms: mean((r) => r.latency.p50, 1), p99Ms: mean((r) => r.latency.p99, 1),
      requests: results.reduce((n, r) => n + r.requests.total, 0), failed: sum((r) => r.non2xx + r.mismatches + r.errors),
      failures: { non2xx: sum((r) => r.non2xx), graphqlErrors: sum((r) => r.mismatches), connectionErrors: sum((r) => r.errors), timeouts: sum((r) => r.timeouts) },
      ...(counters ? { cache: counters } : {}),
    };
  });
}
