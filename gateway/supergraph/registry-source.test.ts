import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SUPERGRAPH_CHANNEL } from '../../schema/registry/types.ts';
import { postJson } from '../../test/support/http.ts';
import { redisUp, TEST_REDIS_URL } from '../../test/support/redis.ts';
import { startRegistryDouble, type RegistryDouble } from '../../test/support/registry-double.ts';
import { startVersionedSubgraph, type VersionedSubgraph } from '../../test/support/versioned-subgraph.ts';
import { loadGatewayConfig } from '../config.ts';
import { startGateway, type RunningGateway } from '../server.ts';

const greeting = async (gateway: RunningGateway) => (await postJson(gateway.url, { query: '{ greeting }' })).body;
const ready = async (gateway: RunningGateway) => (await fetch(gateway.url.replace('/graphql', '/ready'))).json() as Promise<Record<string, unknown>>;

describe('a gateway following the schema registry', () => {
  let subgraph: VersionedSubgraph;
  let registry: RegistryDouble;
  const lastGoodFile = join(tmpdir(), `passerelle-last-good-${randomUUID()}.json`);
  const start = (pollIntervalMs = 100, redisUrl?: string) => startGateway(loadGatewayConfig({
    port: 0, registry: { url: registry.url, pollIntervalMs, lastGoodFile }, ...(redisUrl ? { cache: { redisUrl, keyPrefix: `passerelle-test:${randomUUID()}:` } } : {}),
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
