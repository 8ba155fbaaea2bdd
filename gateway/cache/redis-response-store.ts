/**
 * Responses in Redis, shared by every gateway replica: `rc:e:<key>` holds an entry (expiring), `rc:t:<tag>`
 * the keys of the entries holding an entity, `rc:i:<tag>` when that entity was last invalidated. Fails open:
 * any Redis error is a miss (or a skipped write) and counts as a bypass, never a failed request.
 */
import type { Redis } from 'ioredis';
import { INVALIDATION_MEMORY_SECONDS, type CachedResponse, type ResponseStore } from './response-store.ts';

export class RedisResponseStore implements ResponseStore {
  readonly kind = 'redis';
  bypasses = 0;

  constructor(private readonly redis: Redis) {}

  async get(key: string): Promise<CachedResponse | undefined> {
    try {
      const raw = await this.redis.get(`rc:e:${key}`);
      return raw ? (JSON.parse(raw) as CachedResponse) : undefined;
    } catch {
      this.bypasses += 1;
      return undefined;
    }
  }

  async set(key: string, entry: CachedResponse, keepSeconds: number, tags: readonly string[], computedSince: number): Promise<void> {
    try {
      if (tags.length > 0) {
        const invalidated = await this.redis.mget(...tags.map((t) => `rc:i:${t}`));
        if (invalidated.some((at) => at !== null && Number(at) >= computedSince)) return;
      }
      const ms = Math.ceil(keepSeconds * 1000);
      const tx = this.redis.multi().set(`rc:e:${key}`, JSON.stringify(entry), 'PX', ms);
      for (const tag of tags) tx.sadd(`rc:t:${tag}`, key).pexpire(`rc:t:${tag}`, ms, 'GT').pexpire(`rc:t:${tag}`, ms, 'NX');
      await tx.exec();
    } catch {
      this.bypasses += 1;
    }
  }

  async invalidate(tags: readonly string[]): Promise<number> {
    if (tags.length === 0) return 0;
    try {
      const now = String(Date.now());
      const marks = this.redis.multi();
      for (const tag of tags) marks.set(`rc:i:${tag}`, now, 'EX', INVALIDATION_MEMORY_SECONDS);
      await marks.exec();
      const keys = new Set((await Promise.all(tags.map((t) => this.redis.smembers(`rc:t:${t}`)))).flat());
      const removed = keys.size > 0 ? await this.redis.del(...[...keys].map((k) => `rc:e:${k}`)) : 0;
      await this.redis.del(...tags.map((t) => `rc:t:${t}`));
      return removed;
    } catch {
      this.bypasses += 1;
      return 0;
    }
  }
}
