// Issue 10's first "done when", with a real Redis store: Redis restarts empty (no persistence), the
// registry refuses to serve or accept publishes until an administrator accepts the store, and a gateway
// following it keeps its graph.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGatewayConfig } from '../../gateway/config.ts';
import { startGateway, type RunningGateway } from '../../gateway/server.ts';
import { catalogWithField, startTestRegistry, type TestRegistry } from '../../registry/registry-test-support.ts';
import { ownRedis, redisServerInstalled, type RedisProcess } from '../support/redis-process.ts';

describe.skipIf(!redisServerInstalled)('a Redis registry store that restarts empty', () => {
  let redis: RedisProcess;
  let t: TestRegistry;
  let gateway: RunningGateway;
  let scratch = '';
  const gatewayVersion = async () => ((await (await fetch(`${gateway.adminUrl}/ready`)).json()) as { schemaVersion: number | null }).schemaVersion;

  beforeAll(async () => {
    redis = await ownRedis();
    scratch = await mkdtemp(join(tmpdir(), 'passerelle-store-loss-'));
    t = await startTestRegistry({ store: 'redis', redisUrl: redis.url });
    gateway = await startGateway(loadGatewayConfig({
      port: 0, registry: { url: t.registry.url, token: t.tokens.reader, pollIntervalMs: 100, lastGoodFile: join(scratch, 'last-good.json') },
    }));
  });
  afterAll(async () => { await gateway?.stop(); await t?.stop(); await redis?.stop(); await rm(scratch, { recursive: true, force: true }); });

  it('refuses to serve and to publish, and the gateway keeps its version (acceptance: store-guard.test.ts)', async () => {
    const served = await gatewayVersion();
    expect(served).toBeGreaterThan(0);
    await redis.stop();
    await redis.start();

    // The registry's client reconnects to an empty Redis: it says why it refuses, on every route.
    let health = await t.api('GET', '/health');
    for (let i = 0; i < 50 && health.body.status !== 'refused'; i += 1) {
      await new Promise((r) => setTimeout(r, 100));
      health = await t.api('GET', '/health');
    }
    expect(health).toMatchObject({ status: 503, body: { status: 'refused', code: 'STORE_REFUSED' } });
    expect((await t.api('GET', '/supergraph', t.tokens.reader)).body.errors[0].extensions.code).toBe('STORE_REFUSED');
    const publish = await t.api('POST', '/subgraphs/catalog/publish', t.tokens.catalogOwner, { sdl: catalogWithField('tagline') });
    expect([publish.status, publish.body.errors[0].extensions.code]).toEqual([503, 'STORE_REFUSED']);
    expect((await t.api('GET', '/ready')).status).toBe(503);

    // Polled many times meanwhile, the gateway still serves the graph it had.
    await new Promise((r) => setTimeout(r, 500));
    expect(await gatewayVersion()).toBe(served);
    expect((await fetch(gateway.url.replace('/graphql', '/ready'))).status).toBe(200);
  });
});
