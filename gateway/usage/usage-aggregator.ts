/**
 * Requests added up per minute, client version and operation, in memory, until the recorder flushes them:
 * one map entry per distinct (minute, client, version, operation), never one per request. Bounded: past
 * `maxKeys` distinct keys, new keys are dropped and counted (a flood of unique documents cannot grow memory).
 */
import { USAGE_DURATION_BUCKETS_MS, type UsageMinute } from '../../contracts/usage/usage-report.ts';

export interface RecordedRequest {
  at: number;
  client: string;
  clientVersion: string;
  operationName: string | null;
  operationHash: string;
  durationMs: number;
  failed: boolean;
  fields: readonly string[];
}

export const AGGREGATOR_DEFAULT_MAX_KEYS = 50_000;

export function bucketOf(durationMs: number): number {
  const i = USAGE_DURATION_BUCKETS_MS.findIndex((bound) => durationMs <= bound);
  return i === -1 ? USAGE_DURATION_BUCKETS_MS.length : i;
}

export class UsageAggregator {
  private minutes = new Map<string, UsageMinute>();
  /** Requests not counted because the key limit was reached (since the start). */
  dropped = 0;

  constructor(private readonly maxKeys = AGGREGATOR_DEFAULT_MAX_KEYS) {}

  get size(): number { return this.minutes.size; }

  add(request: RecordedRequest): void {
    const minute = Math.floor(request.at / 60_000) * 60_000;
    const key = `${minute}\u0000${request.client}\u0000${request.clientVersion}\u0000${request.operationHash}`;
    let entry = this.minutes.get(key);
    if (!entry) {
      if (this.minutes.size >= this.maxKeys) { this.dropped += 1; return; }
      entry = {
        minute, client: request.client, clientVersion: request.clientVersion, operationName: request.operationName, operationHash: request.operationHash,
        requests: 0, errors: 0, durationMsSum: 0, durationBuckets: new Array<number>(USAGE_DURATION_BUCKETS_MS.length + 1).fill(0), fields: {},
      };
      this.minutes.set(key, entry);
    }
    entry.requests += 1;
    if (request.failed) entry.errors += 1;
    entry.durationMsSum += request.durationMs;
    entry.durationBuckets[bucketOf(request.durationMs)]! += 1;
    for (const field of request.fields) entry.fields[field] = (entry.fields[field] ?? 0) + 1;
  }

  /** Everything added since the last drain, and a fresh start. */
  drain(): UsageMinute[] {
    const out = [...this.minutes.values()];
    this.minutes = new Map();
    return out;
  }

  /** Puts back minutes a failed flush could not write (within the key limit; the rest are dropped). */
  restore(minutes: readonly UsageMinute[]): void {
    for (const m of minutes) {
      const key = `${m.minute}\u0000${m.client}\u0000${m.clientVersion}\u0000${m.operationHash}`;
      const entry = this.minutes.get(key);
      if (!entry) {
        if (this.minutes.size >= this.maxKeys) { this.dropped += m.requests; continue; }
        this.minutes.set(key, m);
        continue;
      }
      entry.requests += m.requests; entry.errors += m.errors; entry.durationMsSum += m.durationMsSum;
      m.durationBuckets.forEach((count, i) => { entry.durationBuckets[i] = (entry.durationBuckets[i] ?? 0) + count; });
      for (const [field, n] of Object.entries(m.fields)) entry.fields[field] = (entry.fields[field] ?? 0) + n;
    }
  }
}
