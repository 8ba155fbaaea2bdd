/**
 * Responses in Redis, shared by every gateway replica: `{rc}:e:<key>` holds an entry (expiring), `{rc}:t:<tag>`
 * the keys of the entries holding an entity, `{rc}:i:<tag>` when that entity was last invalidated. Writes are
 * atomic Lua scripts (redis-scripts.ts); the `{rc}` hash tag keeps every key in one slot of a Redis Cluster. Reads and stores fail open: a Redis error is a miss or a skipped
 * write, counted as a bypass, never a failed request. Invalidations never fail open: one that cannot reach
 * Redis in time stays pending here (pending-invalidations.ts) until it is delivered.
 */
import type { RedisClient } from '../../contracts/lib/redis-connection.ts';
import { PendingInvalidations } from './pending-invalidations.ts';
import { RedisClock } from './redis-clock.ts';
import { INVALIDATE_SCRIPT, RESPONSE_KEYS, STORE_SCRIPT } from './redis-scripts.ts';
import {
  INVALIDATION_MEMORY_SECONDS, invalidatedAtOrAfter, RESPONSE_STORE_DEFAULTS,
  type CachedResponse, type InvalidationOutcome, type ResponseStore, type ResponseStoreLimits,
} from './response-store.ts';

type Script = (numberOfKeys: number, ...keysThenArgs: (string | number)[]) => Promise<number>;
interface ScriptedRedis { passerelleStore: Script; passerelleInvalidate: Script }

/** Pause between delivery attempts while a mutation waits for its invalidation. */
const INVALIDATION_RETRY_STEP_MS = 50;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class RedisResponseStore implements ResponseStore {
  readonly kind = 'redis';
  bypasses = 0;
  private readonly scripts: ScriptedRedis;
  private readonly entryPrefix: string;
  private readonly pending = new PendingInvalidations((tags) => this.deliver(tags));
  private readonly clock: RedisClock;

  constructor(private readonly redis: RedisClient, private readonly limits: Pick<ResponseStoreLimits, 'maxEntryBytes' | 'invalidationWaitMs'> = RESPONSE_STORE_DEFAULTS) {
    redis.defineCommand('passerelleStore', { lua: STORE_SCRIPT });
    redis.defineCommand('passerelleInvalidate', { lua: INVALIDATE_SCRIPT });
    this.scripts = redis as unknown as ScriptedRedis;
    this.entryPrefix = `${redis.options.keyPrefix ?? ''}${RESPONSE_KEYS.entry}`;
    this.clock = new RedisClock(redis, RESPONSE_KEYS.clock);
  }

  get pendingInvalidations(): number { return this.pending.size; }

  async get(key: string): Promise<CachedResponse | undefined> {
    let raw: string | null;
    try {
      raw = await this.redis.get(`${RESPONSE_KEYS.entry}${key}`);
    } catch {
      this.bypasses += 1;
      return undefined;
    }
    if (!raw) return undefined;
    let entry: CachedResponse;
    try { entry = JSON.parse(raw) as CachedResponse; } catch { return undefined; }
    // An entry whose entities are unknown, or have an invalidation still on its way, is not served.
    return Array.isArray(entry.tags) && !this.pending.has(entry.tags) ? entry : undefined;
  }

  async set(key: string, entry: CachedResponse, keepSeconds: number, computedSince: number): Promise<boolean> {
    const json = JSON.stringify(entry);
    if (Buffer.byteLength(json) > this.limits.maxEntryBytes || this.pending.has(entry.tags)) return false;
    const { tags } = entry;
    try {
      const stored = await this.scripts.passerelleStore(
        1 + 2 * tags.length,
        `${RESPONSE_KEYS.entry}${key}`, ...tags.map((t) => `${RESPONSE_KEYS.mark}${t}`), ...tags.map((t) => `${RESPONSE_KEYS.tagSet}${t}`),
        tags.length, this.clock.earliestRedisTime(computedSince), json, Math.ceil(keepSeconds * 1000), key,
      );
      return stored === 1;
    } catch {
      this.bypasses += 1;
      return false;
    }
  }

  async invalidate(tags: readonly string[]): Promise<InvalidationOutcome> {
    if (tags.length === 0) return { removed: 0, delivered: true };
    const at = Date.now();
    // Pending from the start: while the mutation waits, this process already neither serves nor stores them.
    this.pending.add(tags, at);
    for (;;) {
      try {
        const removed = await this.deliver(tags);
        this.pending.delivered(tags, at);
        return { removed, delivered: true };
      } catch {
        this.bypasses += 1;
        if (Date.now() + INVALIDATION_RETRY_STEP_MS > at + this.limits.invalidationWaitMs) break;
        await sleep(INVALIDATION_RETRY_STEP_MS);
      }
    }
    this.pending.retry();
    return { removed: 0, delivered: false };
  }

  async invalidatedSince(tags: readonly string[], since: number): Promise<boolean> {
    if (tags.length === 0) return false;
    if (this.pending.has(tags)) return true;
    try {
      const marks = await this.redis.mget(...tags.map((t) => `${RESPONSE_KEYS.mark}${t}`));
      return marks.some((at) => at !== null && invalidatedAtOrAfter(Number(at), this.clock.earliestRedisTime(since)));
    } catch {
      this.bypasses += 1;
      // Unknown is not "fresh": the caller fetches again rather than trust a possibly older answer.
      return true;
    }
  }

  async close(): Promise<void> {
    this.pending.close();
    this.clock.close();
  }

  /** Marks are timed by Redis itself (redis-clock.ts), whenever the script finally runs. */
  private deliver(tags: readonly string[]): Promise<number> {
    return this.scripts.passerelleInvalidate(
      2 * tags.length, ...tags.map((t) => `${RESPONSE_KEYS.mark}${t}`), ...tags.map((t) => `${RESPONSE_KEYS.tagSet}${t}`),
      tags.length, INVALIDATION_MEMORY_SECONDS, this.entryPrefix,
    );
  }
}
