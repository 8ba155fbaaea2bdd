// redis-sentinel:// URLs reach the master a real Sentinel names (redis-server --sentinel, beside a Redis
// of the test's own), and the registry store and the gateway's cache work through it.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisKeyValueCache } from '../../contracts/lib/redis-cache.ts';
import { RedisRegistryStore } from '../../registry/store/redis-store.ts';
import { publishSample } from '../../registry/store/store-contract.ts';
import { ownRedis, type RedisProcess } from '../support/redis-process.ts';
import { freePort, redisClusterAvailable } from '../support/redis-cluster.ts';

describe.skipIf(!redisClusterAvailable)('Redis through Sentinel (redis-sentinel:// URL)', () => {
  let master: RedisProcess;
  let sentinel: ChildProcess;
  let dir: string;
  let url: string;
  beforeAll(async () => {
    master = await ownRedis();
    dir = await mkdtemp(join(tmpdir(), 'passerelle-sentinel-'));
    const port = await freePort();
    const masterPort = new URL(master.url).port;
    await writeFile(join(dir, 'sentinel.conf'), `port ${port}\nbind 127.0.0.1\nsentinel monitor passerelle 127.0.0.1 ${masterPort} 1\n`);
    sentinel = spawn('redis-server', [join(dir, 'sentinel.conf'), '--sentinel'], { stdio: ['ignore', 'pipe', 'ignore'] });
    await new Promise<void>((resolve, reject) => {
      let output = '';
      sentinel.stdout?.on('data', (chunk: Buffer) => { output += chunk.toString(); if (output.includes('+monitor master passerelle')) resolve(); });
      sentinel.once('exit', (code) => reject(new Error(`sentinel exited (${code})`)));
    });
    url = `redis-sentinel://127.0.0.1:${port}/passerelle`;
  });
  afterAll(async () => {
    if (sentinel && sentinel.exitCode === null) { const exited = once(sentinel, 'exit'); sentinel.kill('SIGKILL'); await exited; }
    await master?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('reaches the named master: the cache writes there, the registry store keeps its history there', async () => {
    const cache = new RedisKeyValueCache({ url, keyPrefix: `passerelle-test:${randomUUID()}:` });
    await once(cache.client, 'ready');
    await cache.set('k', 'v', { ttl: 60 });
    expect(await cache.get('k')).toBe('v');
    expect(cache.bypasses).toBe(0);
    const store = await RedisRegistryStore.open(url, `passerelle-test:registry:${randomUUID()}:`);
    await publishSample(store);
    expect((await store.currentSupergraph())?.version).toBe(2);
    await Promise.all([cache.close(), store.close()]);
  });
});
