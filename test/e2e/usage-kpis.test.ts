/**
 * Usage KPIs end to end: a gateway following a registry records two client versions' traffic into the
 * store the registry reads; the report shows their operations and fields; a check removing a field one of
 * them read fails naming it (client, version, operation, requests), one removing an unread field passes,
 * and past the usage window (injectable clock) the first removal passes too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openUsageStore } from '../../contracts/usage/open-usage-store.ts';
import type { SqlUsageStore } from '../../contracts/usage/sql-usage-store.ts';
import { loadGatewayConfig } from '../../gateway/config.ts';
import { startGateway, type RunningGateway } from '../../gateway/server.ts';
import { CATALOG_SDL, NAME_FIELD, replacingOnce, startTestRegistry, type TestRegistry } from '../../registry/registry-test-support.ts';

const DAY = 86_400_000;
const withFields = (...fields: string[]) => replacingOnce(CATALOG_SDL, NAME_FIELD, `${NAME_FIELD}${fields.map((f) => `  "A field for tests (Catalogue \`${f}\`)."\n  ${f}: String\n`).join('')}`);
const MOBILE = { 'apollographql-client-name': 'passerelle-mobile', 'apollographql-client-version': '1.4.0' };
const WEB = { 'apollographql-client-name': 'passerelle-web', 'apollographql-client-version': '2.0.0' };

describe('usage KPIs from gateway traffic to registry checks', () => {
  let usage: SqlUsageStore;
  let t: TestRegistry;
  let gateway: RunningGateway;
  let now = Date.now();

  beforeAll(async () => {
    usage = await openUsageStore({ dataDir: 'memory' });
    t = await startTestRegistry({ usage: { store: usage, windowDays: 30, now: () => now } });
    const published = await t.api('POST', '/subgraphs/catalog/publish', t.tokens.catalogOwner, { sdl: withFields('usedProbe', 'unusedProbe') });
    expect(published.status).toBe(201);
    gateway = await startGateway(loadGatewayConfig({
      port: 0,
      registry: { url: t.registry.url, token: t.tokens.reader, pollIntervalMs: 100, lastGoodFile: `${t.dir}/last-good.json` },
      clients: { 'passerelle-mobile': { channel: 'mobile' }, 'passerelle-web': { channel: 'web' } },
      usage: { flushIntervalMs: 60_000 },
    }), { usageStore: usage });
    while (!gateway.supergraph()) await new Promise((r) => setTimeout(r, 50));
    const send = (headers: Record<string, string>, query: string) => fetch(gateway.url, {
      method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }),
    }).then((r) => r.json());
    // The subgraphs are not running: the answers carry errors, and the usage records them as such.
    for (let i = 0; i < 3; i += 1) await send(MOBILE, 'query Probe { productOffering(id: "PO-0001") { id usedProbe } }');
    for (let i = 0; i < 2; i += 1) await send(WEB, 'query Names { productOffering(id: "PO-0001") { id name } }');
    // stop() flushes what is aggregated (the store is borrowed: it stays open).
    await gateway.stop();
  }, 120_000);
  afterAll(async () => {
    await t?.stop();
    await usage?.close();
  });

  it('reports both client versions\' operations (requests, errors, p95) and who read a field', async () => {
    const { status, body } = await t.api('GET', '/usage/operations?since=1h', t.tokens.reader);
    expect(status).toBe(200);
    expect(body.operations.map((o: any) => [o.client, o.clientVersion, o.operationName, o.requests])).toEqual([
      ['passerelle-mobile', '1.4.0', 'Probe', 3], ['passerelle-web', '2.0.0', 'Names', 2]]);
    expect(body.operations[0].operationHash).toMatch(/^[0-9a-f]{64}$/);
    const fields = await t.api('GET', '/usage/fields?coordinate=ProductOffering.usedProbe&coordinate=ProductOffering.name', t.tokens.reader);
    expect(fields.body.fields.map((f: any) => [f.coordinate, f.client, f.clientVersion, f.requests])).toEqual([
      ['ProductOffering.name', 'passerelle-web', '2.0.0', 2], ['ProductOffering.usedProbe', 'passerelle-mobile', '1.4.0', 3]]);
    expect((await t.api('GET', '/usage/operations', null)).status).toBe(401);
    expect((await t.api('GET', '/usage/fields?coordinate=not a field', t.tokens.reader)).body.errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('fails a check removing a field a client read, naming client, version, operation and requests; passes one removing an unread field', async () => {
    const used = await t.api('POST', '/subgraphs/catalog/check', t.tokens.catalogOwner, { sdl: withFields('unusedProbe') });
    expect(used.body.report.ok).toBe(false);
    expect(used.body.report.usage.removedInUse).toEqual([expect.objectContaining({
      coordinate: 'ProductOffering.usedProbe', client: 'passerelle-mobile', clientVersion: '1.4.0', operationName: 'Probe', requests: 3 })]);
    const unused = await t.api('POST', '/subgraphs/catalog/check', t.tokens.catalogOwner, { sdl: withFields('usedProbe') });
    expect(unused.body.report.ok).toBe(true);
    expect(unused.body.report.usage.removedInUse).toEqual([]);
  });

  it('passes the same removal once the traffic is older than the window', async () => {
    now += 31 * DAY;
    const used = await t.api('POST', '/subgraphs/catalog/check', t.tokens.catalogOwner, { sdl: withFields('unusedProbe') });
    expect(used.body.report.usage.removedInUse).toEqual([]);
    expect(used.body.report.ok).toBe(true);
  });
});
