// The Redis clock: marks are timed by Redis, reads converted to Redis time with a measured offset.
import { once } from 'node:events';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { redisUp, TEST_REDIS_URL } from '../../test/support/redis.ts';
import { REDIS_CLOCK, RedisClock } from './redis-clock.ts';

describe('Redis clock', () => {
  it('before any measure, treats reads as older than they are by the conservative uncertainty', () => {
    const offline = new Redis('redis://127.0.0.1:1', { lazyConnect: true, enableOfflineQueue: false, retryStrategy: () => null });
    const clock = new RedisClock(offline, 'clock');
    expect(clock.earliestRedisTime(10_000)).toBe(10_000 - REDIS_CLOCK.unmeasuredUncertaintyMs);
    clock.close();
    offline.disconnect();
  });

  describe.skipIf(!redisUp)('against real Redis', () => {
    const redis = new Redis(TEST_REDIS_URL);
    afterAll(() => redis.disconnect());

    it('measures an offset within its uncertainty, and converts local times to no later than Redis time', async () => {
      if (redis.status !== 'ready') await once(redis, 'ready');
      const clock = new RedisClock(redis, 'clock');
      const { offsetMs, uncertaintyMs } = await clock.measure();
      // One machine, one clock: the offset is close to zero and the round trip small.
      expect(Math.abs(offsetMs)).toBeLessThan(50);
      expect(uncertaintyMs).toBeLessThan(REDIS_CLOCK.unmeasuredUncertaintyMs);
      const local = Date.now();
      const [seconds, micros] = await redis.time();
      expect(clock.earliestRedisTime(local)).toBeLessThanOrEqual(Number(seconds) * 1000 + Number(micros) / 1000);
      clock.close();
    });
  });
});
