/**
 * A KeyValueCache over ioredis that fails open: a cache must never fail a request. Commands time out
 * quickly, nothing queues while Redis is down, errors count as misses, and ioredis reconnects by itself.
 */
import type { KeyValueCache, KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';
import { closeRedis, createRedisConnection, type RedisClient } from './redis-connection.ts';

export const REDIS_CACHE_DEFAULTS = Object.freeze({ commandTimeoutMs: 100, connectTimeoutMs: 1_000, maxReconnectDelayMs: 2_000 });

export class RedisKeyValueCache implements KeyValueCache<string> {
  readonly client: RedisClient;
  /** Operations skipped or failed because Redis was unavailable (passerelle_cache_bypass_total). */
  bypasses = 0;

  constructor(options: { url: string; keyPrefix: string }) {
    this.client = createRedisConnection(options.url, {
      keyPrefix: options.keyPrefix,
      commandTimeoutMs: REDIS_CACHE_DEFAULTS.commandTimeoutMs,
      connectTimeoutMs: REDIS_CACHE_DEFAULTS.connectTimeoutMs,
      maxReconnectDelayMs: REDIS_CACHE_DEFAULTS.maxReconnectDelayMs,
      offlineQueue: false,
      maxRetriesPerRequest: 0,
    });
    // Connection errors are expected while Redis is down: they surface as bypasses, not crashes.
    this.client.on('error', () => {});
  }

  /**
   * Resolves once connected (a Cluster client has learnt its slots), or after `timeoutMs` whatever the
   * state: with the offline queue off, commands sent before that would all be bypasses. Never rejects:
   * a process starts without its cache rather than not at all.
   */
  async ready(timeoutMs = REDIS_CACHE_DEFAULTS.connectTimeoutMs * 2): Promise<boolean> {
    if (this.client.status === 'ready') return true;
    return new Promise((resolve) => {
      const done = (ok: boolean) => { clearTimeout(timer); this.client.off('ready', onReady); resolve(ok); };
      const onReady = () => done(true);
      const timer = setTimeout(() => done(false), timeoutMs);
      this.client.once('ready', onReady);
    });
  }

  async get(key: string): Promise<string | undefined> {
    try {
      return (await this.client.get(key)) ?? undefined;
    } catch {
      this.bypasses += 1;
      return undefined;
    }
  }

  async set(key: string, value: string, options?: KeyValueCacheSetOptions): Promise<void> {
    try {
      const ttl = options?.ttl;
      if (typeof ttl === 'number' && ttl > 0) await this.client.set(key, value, 'PX', Math.round(ttl * 1000));
      else await this.client.set(key, value);
    } catch {
      this.bypasses += 1;
    }
  }

  async delete(key: string): Promise<boolean | void> {
    try {
      return (await this.client.del(key)) > 0;
    } catch {
      this.bypasses += 1;
      return false;
    }
  }

  async close(): Promise<void> {
    await closeRedis(this.client);
  }
}
