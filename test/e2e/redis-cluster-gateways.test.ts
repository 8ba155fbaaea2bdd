// Two gateway replicas (and the catalog's entity cache) sharing a real Redis Cluster of three primaries:
// a response cached by one replica is served by the other, and a mutation through one invalidates what
// the other would serve; a schema published to the registry reaches both through the cluster, without
// a restart. Required in CI (test/support/redis-cluster.ts).
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGatewayConfig } from '../../gateway/config.ts';
import { startGateway, type RunningGateway } from '../../gateway/server.ts';
import { gatewayConfigFor } from '../../dev/stack/stack.ts';
import { postJson } from '../support/http.ts';
import { redisClusterAvailable, startRedisCluster, type RedisClusterProcess } from '../support/redis-cluster.ts';
import { customerWith, startE2E, type E2E } from './harness.ts';

const metric = async (adminUrl: string, name: string) =>
  Number(new RegExp(`^${name} (\\d+)$`, 'm').exec(await (await fetch(`${adminUrl}/metrics`)).text())?.[1] ?? NaN);

describe.skipIf(!redisClusterAvailable)('two gateways sharing a Redis Cluster', () => {
  let cluster: RedisClusterProcess;
  let e2e: E2E;
  let second: RunningGateway;
  beforeAll(async () => {
    cluster = await startRedisCluster();
    const gateway = { cache: { redisUrl: cluster.url, keyPrefix: `passerelle-test:${randomUUID()}:` } };
    // Both replicas follow the registry, polling once a minute only: a new supergraph reaches them in
    // time through the registry's notice on the cluster, or not at all.
    e2e = await startE2E({ redisUrl: cluster.url, gateway, registry: { pollIntervalMs: 60_000 } });
    const { supergraphFile: _file, subgraphUrls: _urls, ...config } = gatewayConfigFor(e2e.stack, { port: 0, redisUrl: cluster.url, gateway });
    const registry = e2e.stack.registry!;
    second = await startGateway(loadGatewayConfig({
      ...config,
      registry: { url: registry.url, token: registry.devTokens?.['dev-reader'] as string, pollIntervalMs: 60_000, lastGoodFile: join(tmpdir(), `passerelle-second-${randomUUID()}.json`) },
    }));
  });
  afterAll(async () => {
    await second?.stop();
    await e2e?.stack.stop();
    await cluster?.stop();
  });

  it('serves from one replica what the other cached', async () => {
    const headers = { 'apollographql-client-name': 'passerelle-web', 'apollographql-client-version': '1.0.0' };
    const query = { query: 'query Offer($id: ID!) { productOffering(id: $id) { id name } }', variables: { id: 'PO-0007' } };
    const first = await postJson(e2e.stack.gateway.url, query, headers);
    expect(first.body.errors).toBeUndefined();
    // The entry is written after the answer leaves: wait until the first replica has stored it.
    for (let i = 0; i < 50 && await metric(e2e.stack.gateway.adminUrl, 'passerelle_response_cache_stores_total') < 1; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    e2e.stack.resetLegacyCalls();
    const again = await postJson(second.url, query, headers);
    expect(again.body).toEqual(first.body);
    expect(e2e.stack.legacyCalls()).toEqual({ crm: 0, catalogue: 0, oms: 0, billing: 0, erp: 0 });
    expect(await metric(second.adminUrl, 'passerelle_response_cache_hits_total')).toBeGreaterThan(0);
    expect(await metric(second.adminUrl, 'passerelle_cache_bypass_total')).toBe(0);
  });

  it('invalidates on the other replica after a mutation through one: the new order shows at once', async () => {
    const customer = customerWith(e2e.dataset, { orders: 7 });
    const headers = { authorization: `Bearer ${await e2e.stack.idp.tokenFor(`customer:${customer.id}`)}`, 'apollographql-client-name': 'passerelle-web', 'apollographql-client-version': '1.0.0' };
    const home = (url: string) => postJson(url, { query: '{ me { orders(first: 1) { totalCount nodes { id } } } }' }, headers);
    const before = (await home(e2e.stack.gateway.url)).body.data.me.orders;
    e2e.stack.resetLegacyCalls();
    expect((await home(second.url)).body.data.me.orders).toEqual(before);
    expect(e2e.stack.legacyCalls().oms).toBe(0); // the second replica read the first one's entry

    await postJson(second.url, { query: 'mutation { addCartItem(input: { productOfferingId: "PO-0003", quantity: 1 }) { id } }' }, headers);
    const placed = await postJson(second.url, { query: `mutation { placeOrder(input: { idempotencyKey: "${randomUUID()}" }) { id } }` }, headers);
    const orderId = placed.body.data.placeOrder.id;
    const after = (await home(e2e.stack.gateway.url)).body.data.me.orders;
    expect(after).toEqual({ totalCount: before.totalCount + 1, nodes: [{ id: orderId }] });
    expect(await metric(e2e.stack.gateway.adminUrl, 'passerelle_cache_bypass_total')).toBe(0);
  });

  it('hot-reloads both replicas when a schema is published, through the registry\'s notice on the cluster', async () => {
    const version = async (adminUrl: string) => ((await (await fetch(`${adminUrl}/ready`)).json()) as { schemaVersion: number }).schemaVersion;
    const before = [await version(e2e.stack.gateway.adminUrl), await version(second.adminUrl)];
    // A new party version at another routing URL its server also answers: a new supergraph for everyone.
    const registry = e2e.stack.registry!;
    const published = await postJson(`${registry.url}/subgraphs/party/publish`, {
      sdl: readFileSync(new URL('../../subgraphs/party/schema.graphql', import.meta.url), 'utf8'),
      routingUrl: new URL('graphql', e2e.stack.subgraphs.party.url).href,
    }, { authorization: `Bearer ${registry.devTokens?.['dev-party']}` });
    expect(published.status).toBe(201);
    let after = before;
    for (let i = 0; i < 50 && after.some((v, n) => v === before[n]); i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      after = [await version(e2e.stack.gateway.adminUrl), await version(second.adminUrl)];
    }
    expect(after.map((v, n) => v > (before[n] as number))).toEqual([true, true]);
    const customer = customerWith(e2e.dataset, { orders: 3 });
    const headers = { authorization: `Bearer ${await e2e.stack.idp.tokenFor(`customer:${customer.id}`)}`, 'apollographql-client-name': 'passerelle-web', 'apollographql-client-version': '1.0.0' };
    for (const url of [e2e.stack.gateway.url, second.url]) expect((await postJson(url, { query: '{ me { id } }' }, headers)).body).toEqual({ data: { me: { id: String(customer.id) } } });
  });
});
