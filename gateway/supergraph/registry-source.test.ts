import { randomUUID } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SUPERGRAPH_CHANNEL } from '../../contracts/supergraph-notice.ts';
import { postJson } from '../../test/support/http.ts';
import { redisUp, TEST_REDIS_URL } from '../../test/support/redis.ts';
import { startRegistryDouble, type RegistryDouble } from '../../test/support/registry-double.ts';
import { readLastGood, type LastGood } from './last-good-file.ts';
import { startVersionedSubgraph, type VersionedSubgraph } from '../../test/support/versioned-subgraph.ts';
import { loadGatewayConfig } from '../config.ts';
import { startGateway, type RunningGateway } from '../server.ts';

const greeting = async (gateway: RunningGateway) => (await postJson(gateway.url, { query: '{ greeting }' })).body;
const ready = async (gateway: RunningGateway) => (await fetch(`${gateway.adminUrl}/ready`)).json() as Promise<Record<string, unknown>>;

describe('a gateway following the schema registry', () => {
  let subgraph: VersionedSubgraph;
  let registry: RegistryDouble;
  const lastGoodFile = join(tmpdir(), `passerelle-last-good-${randomUUID()}.json`);
  const start = (pollIntervalMs = 100, redisUrl?: string, allowDowngrade = false) => startGateway(loadGatewayConfig({
    port: 0, registry: { url: registry.url, pollIntervalMs, lastGoodFile, allowDowngrade }, ...(redisUrl ? { cache: { redisUrl, keyPrefix: `passerelle-test:${randomUUID()}:` } } : {}),
  }));
  beforeAll(async () => {
    subgraph = await startVersionedSubgraph();
    registry = await startRegistryDouble(subgraph.v1);
  });
  afterAll(async () => { await registry.stop(); await subgraph.stop(); });

  it('starts on the current version and swaps to a new one without a restart', async () => {
    const gateway = await start();
    try {
      expect((await greeting(gateway)).errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(await ready(gateway)).toMatchObject({ ready: true, schemaVersion: 1 });
      registry.publish(subgraph.v2);
      await vi.waitFor(async () => expect((await greeting(gateway)).data).toEqual({ greeting: 'bonjour' }), { timeout: 2_000, interval: 50 });
      expect(await ready(gateway)).toMatchObject({ schemaVersion: 2, lastError: null });
    } finally {
      await gateway.stop();
    }
  });

  it('never serves a supergraph it cannot load: the last good one stays, and /ready says why', async () => {
    const gateway = await start();
    try {
      const version = registry.publish('this is not a supergraph');
      await vi.waitFor(async () => expect((await ready(gateway))['lastError']).toMatch(new RegExp(`version ${version} refused`)), { timeout: 2_000, interval: 50 });
      expect(await ready(gateway)).toMatchObject({ ready: true, schemaVersion: 2 });
      expect((await greeting(gateway)).data).toEqual({ greeting: 'bonjour' });
      registry.publish(subgraph.v2);
    } finally {
      await gateway.stop();
    }
  });

  it('starts on the last good supergraph kept on disk while the registry is down', async () => {
    await registry.stop();
    const gateway = await start();
    try {
      expect((await greeting(gateway)).data).toEqual({ greeting: 'bonjour' });
      expect(await ready(gateway)).toMatchObject({ ready: true, source: lastGoodFile });
    } finally {
      await gateway.stop();
      await registry.start();
    }
  });

  it('restarted with an unloadable version in the registry, starts on its real last good, kept intact', async () => {
    const kept = await readLastGood(lastGoodFile);
    const unloadable = registry.publish('this is not a supergraph');
    const gateway = await start();
    try {
      expect((await greeting(gateway)).data).toEqual({ greeting: 'bonjour' });
      expect(await ready(gateway)).toMatchObject({ ready: true, source: lastGoodFile, lastError: expect.stringMatching(new RegExp(`version ${unloadable} refused`)) });
      // Only what was loaded is ever kept: the file still holds the same last good.
      expect(await readLastGood(lastGoodFile)).toEqual(kept);
    } finally {
      await gateway.stop();
    }
    // A last good file that fails its checksum is named and ignored, never served.
    const file = JSON.parse(await readFile(lastGoodFile, 'utf8'));
    await writeFile(lastGoodFile, JSON.stringify({ ...file, sdl: `${file.sdl}\n# edited by hand` }));
    expect(await readLastGood(lastGoodFile)).toEqual({ problem: expect.stringContaining(`${lastGoodFile} fails its checksum`) });
    await registry.stop();
    try {
      await expect(start()).rejects.toThrow(/fails its checksum/);
    } finally {
      await registry.start();
      registry.publish(subgraph.v2);
    }
  });

  it('never moves to a lower version or another store\'s unless allowed', async () => {
    const gateway = await start();
    try {
      await vi.waitFor(async () => expect((await greeting(gateway)).data).toEqual({ greeting: 'bonjour' }), { timeout: 2_000, interval: 50 });
      const served = (await ready(gateway))['schemaVersion'] as number;
      registry.publish(subgraph.v1, { version: served - 1 });
      await vi.waitFor(async () => expect((await ready(gateway))['lastError']).toMatch(/lower than the version served/), { timeout: 2_000, interval: 50 });
      registry.publish(subgraph.v1, { version: served + 1, storeId: 'restored-elsewhere' });
      await vi.waitFor(async () => expect((await ready(gateway))['lastError']).toMatch(/another registry store \(restored-elsewhere/), { timeout: 2_000, interval: 50 });
      expect(await ready(gateway)).toMatchObject({ schemaVersion: served });
      expect((await greeting(gateway)).data).toEqual({ greeting: 'bonjour' });
    } finally {
      await gateway.stop();
    }
    const told = await start(100, undefined, true);
    try {
      expect((await greeting(told)).errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect((await readLastGood(lastGoodFile) as { found: LastGood }).found.storeId).toBe('restored-elsewhere');
    } finally {
      await told.stop();
      registry.publish(subgraph.v2);
    }
  });

  it('swaps under load with zero failed requests', async () => {
    const gateway = await start(100);
    try {
      let failures = 0;
      let requests = 0;
      let running = true;
      const load = (async () => {
        while (running) {
          const res = await postJson(gateway.url, { query: '{ hello }' });
          requests += 1;
          if (res.status !== 200 || res.body.errors || res.body.data?.hello !== 'world') failures += 1;
        }
      })();
      const loaders = [load, load, load];
      for (const sdl of [subgraph.v1, subgraph.v2, subgraph.v1, subgraph.v2]) {
        const version = registry.publish(sdl);
        await vi.waitFor(async () => expect((await ready(gateway))['schemaVersion']).toBe(version), { timeout: 2_000, interval: 25 });
      }
      running = false;
      await Promise.all(loaders);
      expect(requests).toBeGreaterThan(20);
      expect(failures).toBe(0);
    } finally {
      await gateway.stop();
    }
  });

  it.skipIf(!redisUp)('two gateways told through Redis serve a new version within two seconds', async () => {
    const [a, b] = await Promise.all([start(60_000, TEST_REDIS_URL), start(60_000, TEST_REDIS_URL)]);
    const publisher = new Redis(TEST_REDIS_URL);
    try {
      const version = registry.publish(subgraph.v1);
      const published = Date.now();
      await publisher.publish(SUPERGRAPH_CHANNEL, JSON.stringify({ version }));
      for (const gateway of [a, b]) {
        await vi.waitFor(async () => expect((await ready(gateway))['schemaVersion']).toBe(version), { timeout: 2_000, interval: 25 });
      }
      expect(Date.now() - published).toBeLessThan(2_000);
      registry.publish(subgraph.v2);
    } finally {
      publisher.disconnect();
      await Promise.all([a.stop(), b.stop()]);
    }
  });
});
