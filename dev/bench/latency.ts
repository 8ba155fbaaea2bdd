/** Latency summaries of sequential requests (one at a time, so the mean gives an equivalent rate). */
export interface LatencySummary {
  requests: number;
  p50Ms: number;
  /** Nearest rank: with few requests, close to the slowest. */
  p99Ms: number;
  meanMs: number;
  /** 1000 / mean latency: what one client sending one request at a time gets, not a throughput under load. */
  reqPerSecSequential: number;
}

const round1 = (n: number): number => Math.round(n * 10) / 10;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}

export function summarize(latenciesMs: number[]): LatencySummary {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  const mean = sorted.reduce((a, b) => a + b, 0) / sorted.length;
  return {
    requests: sorted.length, p50Ms: round1(percentile(sorted, 50)), p99Ms: round1(percentile(sorted, 99)),
    meanMs: round1(mean), reqPerSecSequential: Math.round(1000 / mean),
  };
}

/** Runs `request` and returns how long it took, in milliseconds. */
export async function timed(request: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await request();
  return performance.now() - start;
}
