// The gateway's response cache with real Redis: hits and misses, HTTP caching, no leak across users,
// roles or channels, invalidation after a mutation across two gateway instances, purge, stale-if-error,
// and Redis stopped mid-test without a failed request.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadGatewayConfig } from '../../gateway/config.ts';
import { startGateway, type RunningGateway } from '../../gateway/server.ts';
import { gatewayConfigFor } from '../../dev/stack/stack.ts';
import { postJson } from '../support/http.ts';
import { redisUp, TEST_REDIS_URL } from '../support/redis.ts';
import { ownRedis, redisServerInstalled } from '../support/redis-process.ts';
import { customerWith, startE2E, type E2E } from './harness.ts';

const PURGE_SECRET = randomUUID() + randomUUID();
const cacheConfig = (redisUrl: string) => ({ cache: { redisUrl, keyPrefix: `passerelle-test:${randomUUID()}:`, purgeSecret: PURGE_SECRET } });
/** A counter of a gateway's metrics, read on its admin listener. */
const metric = async (adminUrl: string, name: string) =>
  Number(new RegExp(`^${name} (\\d+)$`, 'm').exec(await (await fetch(`${adminUrl}/metrics`)).text())?.[1] ?? NaN);

describe.skipIf(!redisUp)('response cache (real Redis, shared by two gateway instances)', () => {
  let e2e: E2E;
  let second: RunningGateway;
  beforeAll(async () => {
    const gateway = cacheConfig(TEST_REDIS_URL);
    e2e = await startE2E({ gateway });
    second = await startGateway(loadGatewayConfig(gatewayConfigFor(e2e.stack, { port: 0, gateway })));
  });
  afterAll(async () => { await second.stop(); await e2e.stack.stop(); });

  it('answers a repeated public query from the cache, with ETag and 304', async () => {
    const web = await e2e.as(null, 'web');
    const first = await web.run('CatalogPage', { first: 12 });
    expect(first.headers.get('cache-control')).toMatch(/^max-age=\d+, public$/);
    e2e.stack.resetLegacyCalls();
    const again = await web.run('CatalogPage', { first: 12 });
    expect(again.body).toEqual(first.body);
    expect(e2e.stack.legacyCalls()).toEqual({ crm: 0, catalogue: 0, oms: 0, billing: 0, erp: 0 });
    const etag = again.headers.get('etag') as string;
    expect(etag).toMatch(/^".+"$/);
    const notModified = await fetch(e2e.stack.gateway.url, {
      method: 'POST', body: JSON.stringify({ query: 'query { categories { id name } }' }),
      headers: { 'content-type': 'application/json', 'apollographql-client-name': 'passerelle-web', 'apollographql-client-version': '1.0.0' },
    });
    const revalidated = await fetch(e2e.stack.gateway.url, {
      method: 'POST', body: JSON.stringify({ query: 'query { categories { id name } }' }),
      headers: { 'content-type': 'application/json', 'if-none-match': notModified.headers.get('etag') as string, 'apollographql-client-name': 'passerelle-web', 'apollographql-client-version': '1.0.0' },
    });
    expect(revalidated.status).toBe(304);
    expect(await revalidated.text()).toBe('');
    expect(await metric(e2e.stack.gateway.adminUrl, 'passerelle_response_cache_hits_total')).toBeGreaterThan(0);
  });

  it('keys the normalised operation: comments, whitespace and undeclared variables reuse the same entry', async () => {
    const web = await e2e.as(null, 'web');
    const q = 'query Offer($id: ID!) { productOffering(id: $id) { id name } }';
    expect((await web.run(q, { id: 'PO-0011' })).body.errors).toBeUndefined();
    e2e.stack.resetLegacyCalls();
    for (let i = 0; i < 20; i += 1) {
      const variant = `# request ${i}: ${'x'.repeat(i * 50)}\n${q.replace(/ /g, '   ')}`;
      expect((await web.run(variant, { id: 'PO-0011', [`unused${i}`]: 'y'.repeat(1000) })).body.data.productOffering.id).toBe('PO-0011');
    }
    expect(e2e.stack.legacyCalls()).toEqual({ crm: 0, catalogue: 0, oms: 0, billing: 0, erp: 0 });
  });

  it('never gives one principal what was computed for another (two customers, an agent, a partner, two channels, concurrently)', async () => {
    const [a, b] = [customerWith(e2e.dataset, { orders: 5 }), customerWith(e2e.dataset, { orders: 6 })];
    const callers = [
      { user: `customer:${a?.id}`, channel: 'mobile' as const, me: String(a?.id) },
      { user: `customer:${a?.id}`, channel: 'web' as const, me: String(a?.id) },
      { user: `customer:${b?.id}`, channel: 'mobile' as const, me: String(b?.id) },
      { user: 'agent', channel: 'agent' as const, me: null },
      { user: 'partner', channel: 'partner' as const, me: null },
    ];
    const q = '{ me { id displayName orders(first: 2) { nodes { id } } } productOffering(id: "PO-0002") { name partnerPrice { amount } } }';
    const runs = await Promise.all(callers.flatMap((c) => [1, 2, 3].map(async () => ({ c, res: await (await e2e.as(c.user, c.channel)).run(q) }))));
    for (const { c, res } of runs) {
      expect(res.body.data.me?.id ?? null).toBe(c.me);
      const seesTradePrice = c.user === 'agent' || c.user === 'partner';
      expect(res.body.data.productOffering.partnerPrice === null).toBe(!seesTradePrice);
      // Never `public` for a signed-in caller (responses with errors are not cached at all: no-store).
      expect(res.headers.get('cache-control')).not.toMatch(/public/);
    }
  });

  it('invalidates on every instance after a mutation: the new order shows at once', async () => {
    const customer = customerWith(e2e.dataset, { orders: 7 });
    const headers = { authorization: `Bearer ${await e2e.stack.idp.tokenFor(`customer:${customer.id}`)}`, 'apollographql-client-name': 'passerelle-web', 'apollographql-client-version': '1.0.0' };
    const home = (url: string) => postJson(url, { query: '{ me { orders(first: 1) { totalCount nodes { id } } } }' }, headers);
    const before = (await home(e2e.stack.gateway.url)).body.data.me.orders;
    e2e.stack.resetLegacyCalls();
    expect((await home(second.url)).body.data.me.orders).toEqual(before);
    expect(e2e.stack.legacyCalls().oms).toBe(0); // the second instance read the first one's entry

    await postJson(second.url, { query: 'mutation { addCartItem(input: { productOfferingId: "PO-0003", quantity: 1 }) { id } }' }, headers);
    const placed = await postJson(second.url, { query: `mutation { placeOrder(input: { idempotencyKey: "${randomUUID()}" }) { id } }` }, headers);
    const orderId = placed.body.data.placeOrder.id;
    const after = (await home(e2e.stack.gateway.url)).body.data.me.orders;
    expect(after).toEqual({ totalCount: before.totalCount + 1, nodes: [{ id: orderId }] });
  });

  it('purges by entity tag through the authenticated endpoint', async () => {
    const purge = (auth: string, tags: string[]) => fetch(`${e2e.stack.gateway.adminUrl}/admin/cache/purge`, {
      method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body: JSON.stringify({ tags }),
    });
    const web = await e2e.as(null, 'web');
    await web.run('OfferingDetail', { id: 'PO-0004' });
    expect((await purge('Bearer wrong', ['ProductOffering:PO-0004'])).status).toBe(401);
    const res = await purge(`Bearer ${PURGE_SECRET}`, ['ProductOffering:PO-0004']);
    expect(await res.json()).toEqual({ removed: expect.any(Number), delivered: true });
    e2e.stack.resetLegacyCalls();
    await web.run('OfferingDetail', { id: 'PO-0004' });
    expect(e2e.stack.legacyCalls().erp).toBe(1);
  });

  it('serves a stale answer, marked stale, when a back end fails after the entry expired', async () => {
    const web = await e2e.as(null, 'web');
    const fresh = await web.run('OfferingDetail', { id: 'PO-0005' });
    expect(fresh.body.errors).toBeUndefined();
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 120_000 });
    try {
      e2e.stack.legacy.erp.setKnobs({ errorRate: 1 });
      const stale = await web.run('OfferingDetail', { id: 'PO-0005' });
      expect(stale.body.data).toEqual(fresh.body.data);
      expect(stale.body.extensions).toEqual({ stale: true });
      expect(stale.body.errors).toBeUndefined();
    } finally {
      vi.useRealTimers();
      e2e.stack.legacy.erp.setKnobs({ errorRate: 0 });
    }
  });
});

describe.skipIf(!redisServerInstalled)('response cache when Redis stops mid-test', () => {
  it('answers every request without Redis, counts the bypasses, and uses Redis again once it is back', async () => {
    const redis = await ownRedis();
    const e2e = await startE2E({ gateway: cacheConfig(redis.url) });
    try {
      const web = await e2e.as(null, 'web');
      const q = '{ productOffering(id: "PO-0006") { name price { amount } } }';
      expect((await web.run(q)).body.data.productOffering.name).toEqual(expect.any(String));
      await redis.stop();
      for (let i = 0; i < 5; i++) {
        const res = await web.run(q);
        expect(res.status).toBe(200);
        expect(res.body.errors).toBeUndefined();
      }
      expect(await metric(e2e.stack.gateway.adminUrl, 'passerelle_cache_bypass_total')).toBeGreaterThan(0);
      await redis.start();
      await vi.waitFor(async () => {
        await web.run(q);
        e2e.stack.resetLegacyCalls();
        await web.run(q);
        expect(e2e.stack.legacyCalls().catalogue).toBe(0);
      }, { timeout: 10_000, interval: 200 });
    } finally {
      await e2e.stack.stop();
      await redis.stop();
    }
  });
});
