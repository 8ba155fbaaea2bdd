/**
 * Where a subgraph's entity cache keeps its entries: Redis when configured, so that every instance of a
 * subgraph shares one copy of the reference data, otherwise an in-memory LRU for this process. The Redis
 * store reuses the gateway's fail-open client (short command timeout, no offline queue): a Redis that is
 * down or slow makes every read a miss and every write a no-op, counted as bypasses, never an error.
 */
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import { RedisKeyValueCache } from '../../../contracts/lib/redis-cache.ts';

export interface StoredEntry { key: string; value: string; ttlMs: number }

export interface CacheStore {
  readonly kind: 'redis' | 'memory';
  /** One value (or undefined) per key, in order; a batch costs one round trip (MGET). */
  getMany(keys: readonly string[]): Promise<(string | undefined)[]>;
  /** Writes with a time to live, in one round trip (pipeline). */
  setMany(entries: readonly StoredEntry[]): Promise<void>;
  deleteMany(keys: readonly string[]): Promise<void>;
  /** Operations skipped or failed because Redis was unavailable (always 0 in memory). */
  bypasses(): number;
  /** True once the store can serve (Redis connected), false if it did not within `timeoutMs`. */
  ready(timeoutMs?: number): Promise<boolean>;
  close(): Promise<void>;
}

export const CACHE_STORE_DEFAULTS = Object.freeze({ keyPrefix: 'passerelle:', memoryMaxBytes: 32 * 1024 * 1024, readyTimeoutMs: 1_000 });

export class MemoryCacheStore implements CacheStore {
  readonly kind = 'memory';
  private readonly lru: InMemoryLRUCache<string>;

  constructor(maxBytes: number = CACHE_STORE_DEFAULTS.memoryMaxBytes) {
    this.lru = new InMemoryLRUCache<string>({ maxSize: maxBytes });
  }

  getMany(keys: readonly string[]): Promise<(string | undefined)[]> {
    return Promise.all(keys.map((key) => this.lru.get(key)));
  }

  async setMany(entries: readonly StoredEntry[]): Promise<void> {
    // InMemoryLRUCache counts its ttl in seconds; a fraction is kept as is.
    await Promise.all(entries.map((e) => this.lru.set(e.key, e.value, { ttl: e.ttlMs / 1000 })));
  }

  async deleteMany(keys: readonly string[]): Promise<void> {
    await Promise.all(keys.map((key) => this.lru.delete(key)));
  }

  bypasses = (): number => 0;
  ready = async (): Promise<boolean> => true;
  close = async (): Promise<void> => { this.lru.clear(); };
}

export class RedisCacheStore implements CacheStore {
  readonly kind = 'redis';
  private readonly redis: RedisKeyValueCache;

  constructor(options: { url: string; keyPrefix: string }) {
    this.redis = new RedisKeyValueCache(options);
  }

  async getMany(keys: readonly string[]): Promise<(string | undefined)[]> {
    if (keys.length === 0) return [];
    try {
      return (await this.redis.client.mget(...keys)).map((value) => value ?? undefined);
    } catch {
      this.redis.bypasses += 1;
      return keys.map(() => undefined);
    }
  }

  async setMany(entries: readonly StoredEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const pipeline = this.redis.client.pipeline();
    for (const e of entries) pipeline.set(e.key, e.value, 'PX', Math.max(1, Math.round(e.ttlMs)));
    await this.exec(pipeline);
  }

  async deleteMany(keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.exec(this.redis.client.pipeline().del(...keys));
  }

  bypasses = (): number => this.redis.bypasses;

  async ready(timeoutMs: number = CACHE_STORE_DEFAULTS.readyTimeoutMs): Promise<boolean> {
    const client = this.redis.client;
    if (client.status === 'ready') return true;
    return new Promise((resolve) => {
      const done = (ok: boolean): void => { clearTimeout(timer); client.off('ready', onReady); resolve(ok); };
      const onReady = (): void => done(true);
      const timer = setTimeout(() => done(false), timeoutMs);
      client.on('ready', onReady);
    });
  }

  close = (): Promise<void> => this.redis.close();

  private async exec(pipeline: ReturnType<RedisKeyValueCache['client']['pipeline']>): Promise<void> {
    try {
      const results = (await pipeline.exec()) ?? [];
      if (results.some(([error]) => error)) this.redis.bypasses += 1;
    } catch {
      this.redis.bypasses += 1;
    }
  }
}

/** Redis when a URL is given (shared by every instance), memory otherwise (this process only). */
export function createCacheStore(options: { redisUrl?: string | undefined; keyPrefix?: string | undefined }): CacheStore {
  return options.redisUrl
    ? new RedisCacheStore({ url: options.redisUrl, keyPrefix: options.keyPrefix ?? CACHE_STORE_DEFAULTS.keyPrefix })
    : new MemoryCacheStore();
}
