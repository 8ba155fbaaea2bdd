// The Redis URL formats: one node, Sentinel, Cluster; what is refused, and never a password in a message.
import { Cluster, Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { createRedisConnection, hashTagged, hasHashTag, isRedisUrl, parseRedisUrl, RedisUrlError } from './redis-connection.ts';

describe('Redis URLs', () => {
  it('reads one node, Sentinel and Cluster URLs', () => {
    expect(parseRedisUrl('redis://127.0.0.1:6379/2')).toEqual({ kind: 'single', url: 'redis://127.0.0.1:6379/2' });
    expect(parseRedisUrl('rediss://cache.internal:6380').kind).toBe('single');
    expect(parseRedisUrl('redis-sentinel://:s%40cret@10.0.0.1:26379,10.0.0.2:26379/mymaster?db=3')).toEqual({
      kind: 'sentinel', masterName: 'mymaster', db: 3, password: 's@cret',
      sentinels: [{ host: '10.0.0.1', port: 26379 }, { host: '10.0.0.2', port: 26379 }],
    });
    expect(parseRedisUrl('redis-cluster://app:pw@n1:7000,n2:7001,[::1]:7002')).toEqual({
      kind: 'cluster', username: 'app', password: 'pw',
      nodes: [{ host: 'n1', port: 7000 }, { host: 'n2', port: 7001 }, { host: '::1', port: 7002 }],
    });
  });

  it('refuses what it cannot connect to, naming the problem without the password', () => {
    for (const url of ['http://x:1', 'redis-sentinel://h:26379', 'redis-sentinel://h:26379/', 'redis-cluster://h', 'redis-cluster://h:99999',
      'redis-cluster://h:7000/0', 'redis-sentinel://h:1/m?db=-1', 'memcached://h:1']) {
      expect(isRedisUrl(url), url).toBe(false);
    }
    expect(() => parseRedisUrl('redis-cluster://u:topsecret@h')).toThrow(RedisUrlError);
    expect(() => parseRedisUrl('redis-cluster://u:topsecret@h')).toThrow(/u:\*\*\*@/);
    expect(() => parseRedisUrl('redis-cluster://u:topsecret@h')).not.toThrow(/topsecret/);
  });

  it('makes a Cluster client for redis-cluster://, a Redis client otherwise (Sentinel included)', () => {
    const clients = ['redis-cluster://127.0.0.1:1', 'redis-sentinel://127.0.0.1:1/m', 'redis://127.0.0.1:1'].map((url) => createRedisConnection(url, { lazyConnect: true }));
    expect(clients[0]).toBeInstanceOf(Cluster);
    expect(clients[1]).toBeInstanceOf(Redis);
    expect((clients[1] as Redis).options.sentinels).toEqual([{ host: '127.0.0.1', port: 1 }]);
    expect((clients[2] as Redis).options).toMatchObject({ enableOfflineQueue: false, maxRetriesPerRequest: 0, enableReadyCheck: true, connectTimeout: 1_000 });
    for (const client of clients) client.disconnect();
  });

  it('makes hash tags that cannot end early', () => {
    expect(hashTagged('rc')).toBe('{rc}');
    expect(hashTagged('a}b{c')).toBe('{a_b_c}');
    expect([hasHashTag('p:{t}:x'), hasHashTag('p:{}{t}'), hasHashTag('p:}{'), hasHashTag('plain:')]).toEqual([true, false, false, false]);
  });
});
