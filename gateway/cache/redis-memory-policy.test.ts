import { describe, expect, it } from 'vitest';
import { redisMemoryWarning } from './redis-memory-policy.ts';

describe('Redis memory policy check', () => {
  it('warns about a Redis without maxmemory, and about policies that refuse writes or evict keys without expiry', () => {
    expect(redisMemoryWarning('0', 'noeviction')).toMatch(/no maxmemory/);
    expect(redisMemoryWarning('1073741824', 'noeviction')).toMatch(/volatile-lru/);
    expect(redisMemoryWarning('1073741824', 'allkeys-lru')).toMatch(/volatile-lru/);
  });

  it('is satisfied by a bound with a volatile policy, and silent when CONFIG is not available', () => {
    expect(redisMemoryWarning('1073741824', 'volatile-lru')).toBeNull();
    expect(redisMemoryWarning('1073741824', 'volatile-ttl')).toBeNull();
    expect(redisMemoryWarning(undefined, undefined)).toBeNull();
  });
});
