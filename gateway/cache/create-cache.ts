/**
 * The gateway's key-value cache (persisted queries today, responses later): Redis when configured, so
 * that every replica shares it, otherwise an in-memory LRU for a single process.
 */
import { InMemoryLRUCache, type KeyValueCache } from '@apollo/utils.keyvaluecache';
import type { GatewayConfig } from '../config.ts';
import { RedisKeyValueCache } from './redis-cache.ts';

export interface GatewayCache { cache: KeyValueCache<string>; kind: 'redis' | 'memory'; close(): Promise<void> }

export const MEMORY_CACHE_MAX_BYTES = 64 * 1024 * 1024;

export function createGatewayCache(config: GatewayConfig['cache']): GatewayCache {
  if (config.redisUrl) {
    const cache = new RedisKeyValueCache({ url: config.redisUrl, keyPrefix: config.keyPrefix });
    return { cache, kind: 'redis', close: () => cache.close() };
  }
  return { cache: new InMemoryLRUCache<string>({ maxSize: MEMORY_CACHE_MAX_BYTES }), kind: 'memory', close: async () => {} };
}
