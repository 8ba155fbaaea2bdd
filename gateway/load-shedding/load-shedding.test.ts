/** Load shedding and deadlines through a real gateway in front of a small subgraph that can be slow. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson } from '../../test/support/http.ts';
import { startTinySubgraph, type TinySubgraph } from '../../test/support/tiny-subgraph.ts';
import { loadGatewayConfig } from '../config.ts';
import { startGateway, type RunningGateway } from '../server.ts';

const WEB = { 'apollographql-client-name': 'web-app', 'apollographql-client-version': '1.0.0' };

describe('a gateway at its limit', () => {
  let tiny: TinySubgraph;
  let gateway: RunningGateway;
  beforeAll(async () => {
    tiny = await startTinySubgraph();
    gateway = await startGateway(loadGatewayConfig({
      port: 0, supergraphFile: tiny.supergraphFile, cache: { responses: false },
      loadShedding: { maxInFlight: 2, maxEventLoopDelayMs: 0, retryAfterSeconds: 2 },
      deadlines: { web: 300 },
    }));
  });
  afterAll(async () => { await gateway.stop(); await tiny.stop(); });

  it('refuses a request beyond its in-flight limit at once with 503 OVERLOADED and Retry-After; health and readiness still answer', async () => {
    const held = [postJson(gateway.url, { query: '{ slow(ms: 250) }' }, WEB), postJson(gateway.url, { query: '{ slow(ms: 250) }' }, WEB)];
    await new Promise((resolve) => setTimeout(resolve, 50));
    const shed = await postJson(gateway.url, { query: '{ hello }' }, WEB);
    expect([shed.status, shed.headers.get('retry-after'), shed.body.errors?.[0]?.extensions?.code]).toEqual([503, '2', 'OVERLOADED']);
    const origin = new URL(gateway.url).origin;
    expect((await fetch(`${origin}/health`)).status).toBe(200);
    expect((await fetch(`${origin}/ready`)).status).toBe(200);
    await Promise.all(held);
    // Slots come back when requests end.
    expect((await postJson(gateway.url, { query: '{ hello }' }, WEB)).body).toEqual({ data: { hello: 'world' } });
    const admin = await (await fetch(`${gateway.adminUrl}/ready`)).json() as { loadShedding: { shed: { inFlight: number } } };
    expect(admin.loadShedding.shed.inFlight).toBe(1);
    expect(await (await fetch(`${gateway.adminUrl}/metrics`)).text()).toMatch(/^passerelle_requests_shed_total 1$/m);
  });

  it('stops waiting for a subgraph when the channel\'s deadline passes: the field is null with DEADLINE_EXCEEDED', async () => {
    const res = await postJson(gateway.url, { query: '{ slow(ms: 2000) }' }, WEB);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ slow: null });
    expect(res.body.errors?.map((e: { path?: unknown[]; extensions?: { code?: string } }) => [e.path, e.extensions?.code])).toEqual([[['slow'], 'DEADLINE_EXCEEDED']]);
  });
});
