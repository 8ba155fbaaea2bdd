import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson } from '../test/support/http.ts';
import { startTinySubgraph, type TinySubgraph } from '../test/support/tiny-subgraph.ts';
import { loadGatewayConfig } from './config.ts';
import { startGateway, type RunningGateway } from './server.ts';

const post = postJson;

describe('the gateway serves any supergraph (development)', () => {
  let tiny: TinySubgraph;
  let gateway: RunningGateway;
  beforeAll(async () => {
    tiny = await startTinySubgraph();
    gateway = await startGateway(loadGatewayConfig({ port: 0, supergraphFile: tiny.supergraphFile, maxBodyBytes: 64 * 1024 }));
  });
  afterAll(async () => { await gateway.stop(); await tiny.stop(); });

  it('answers through the subgraph, always sending the internal token', async () => {
    const res = await post(gateway.url, { query: '{ hello sawInternalToken }' });
    expect(res.body).toEqual({ data: { hello: 'world', sawInternalToken: true } });
  });

  it('reports liveness and a bare readiness on the public port, the schema details on the admin listener only', async () => {
    expect((await fetch(gateway.url.replace('/graphql', '/health'))).status).toBe(200);
    const ready = await fetch(gateway.url.replace('/graphql', '/ready'));
    expect([ready.status, await ready.json()]).toEqual([200, { ready: true }]);
    for (const path of ['/metrics', '/admin/cache/purge']) expect((await fetch(gateway.url.replace('/graphql', path))).status, path).toBe(404);
    expect(new URL(gateway.adminUrl).hostname).toBe('127.0.0.1');
    expect(new URL(gateway.adminUrl).port).not.toBe(new URL(gateway.url).port);
    const details = await fetch(`${gateway.adminUrl}/ready`);
    const expected = createHash('sha256').update(readFileSync(tiny.supergraphFile, 'utf8')).digest('hex');
    expect(details.status).toBe(200);
    expect(await details.json()).toMatchObject({ ready: true, schemaHash: expected, source: expect.any(String), lastError: null, cache: 'memory' });
    expect(await (await fetch(`${gateway.adminUrl}/metrics`)).text()).toMatch(/^# HELP passerelle_/m);
    expect((await fetch(`${gateway.adminUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ hello }"}' })).status).toBe(404);
  });

  it('reads JSON bodies as UTF-8 only: any other charset is refused with 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    const send = (contentType: string, body = '{"query":"{ hello }"}') => fetch(gateway.url, { method: 'POST', headers: { 'content-type': contentType }, body });
    for (const type of ['application/json; charset=utf-7', 'application/json; charset=iso-2022-jp', 'application/json; charset=UTF-32BE', 'application/json; charset=utf-8; charset=utf-7']) {
      const res = await send(type);
      expect([res.status, await res.json()], type).toEqual([415, { errors: [{ message: 'JSON request bodies are accepted in UTF-8 only: send no charset, or charset=utf-8.', extensions: { code: 'UNSUPPORTED_MEDIA_TYPE' } }] }]);
    }
    for (const type of ['application/json', 'application/json; charset=utf-8', 'application/json; charset=UTF-8', 'application/json;charset="utf8"']) {
      const res = await send(type);
      expect([res.status, await res.json()], type).toEqual([200, { data: { hello: 'world' } }]);
    }
    const notUtf8 = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: Buffer.from([0x7b, 0x22, 0x71, 0xff, 0x22, 0x7d]) });
    expect([notUtf8.status, ((await notUtf8.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code]).toEqual([400, 'BAD_REQUEST']);
  });

  it('serves Apollo Sandbox at / in development', async () => {
    const res = await fetch(gateway.url.replace('/graphql', '/'), { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/sandbox/i);
  });

  it('refuses oversized bodies with 413 and malformed JSON with 400, with codes', async () => {
    const big = await post(gateway.url, { query: `{ hello } # ${'x'.repeat(70 * 1024)}` });
    expect(big.status).toBe(413);
    expect(big.body.errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    const bad = await post(gateway.url, '{"query": ');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('refuses bearer tokens when no identity provider is configured', async () => {
    const res = await post(gateway.url, { query: '{ hello }' }, { authorization: 'Bearer a.b.c' });
    expect(res.status).toBe(401);
    expect(res.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('never answers with a stack trace', async () => {
    const { body } = await post(gateway.url, { query: '{ nope }' });
    expect(body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(JSON.stringify(body)).not.toMatch(/stacktrace|at .*\.js/);
  });

  it('finishes in-flight requests when stopped, then refuses connections, on both listeners', async () => {
    const standalone = await startGateway(loadGatewayConfig({ port: 0, supergraphFile: tiny.supergraphFile }));
    const inFlight = post(standalone.url, { query: '{ slow(ms: 400) }' });
    await new Promise((r) => setTimeout(r, 100));
    const stopped = standalone.stop();
    expect((await inFlight).body).toEqual({ data: { slow: 'waited 400' } });
    await stopped;
    await expect(post(standalone.url, { query: '{ hello }' })).rejects.toThrow();
    await expect(fetch(`${standalone.adminUrl}/ready`)).rejects.toThrow();
  });

  it('on stop, first says not ready while still serving, then drains', async () => {
    const standalone = await startGateway(loadGatewayConfig({ port: 0, supergraphFile: tiny.supergraphFile, shutdownNotReadyMs: 1_500 }));
    expect((await fetch(standalone.url.replace('/graphql', '/ready'))).status).toBe(200);
    const stopped = standalone.stop();
    const ready = await fetch(standalone.url.replace('/graphql', '/ready'));
    expect([ready.status, await ready.json()]).toEqual([503, { ready: false }]);
    const served = await post(standalone.url, { query: '{ hello }' });
    expect([served.status, served.body, served.headers.get('connection')]).toEqual([200, { data: { hello: 'world' } }, 'close']);
    await stopped;
    await expect(post(standalone.url, { query: '{ hello }' })).rejects.toThrow();
  });
});

describe('the gateway in production', () => {
  let tiny: TinySubgraph;
  let gateway: RunningGateway;
  beforeAll(async () => {
    tiny = await startTinySubgraph();
    // Production serves registered clients only.
    gateway = await startGateway(loadGatewayConfig({ port: 0, supergraphFile: tiny.supergraphFile, production: true, clients: { tester: { channel: 'web' } } }));
  });
  afterAll(async () => { await gateway.stop(); await tiny.stop(); });

  it('serves neither Sandbox nor introspection', async () => {
    const page = await fetch(gateway.url.replace('/graphql', '/'), { headers: { accept: 'text/html' } });
    expect(await page.text()).not.toMatch(/sandbox/i);
    const { body } = await post(gateway.url, { query: '{ __schema { types { name } } }' }, { 'apollographql-client-name': 'tester' });
    expect(body.data).toBeUndefined();
    expect(body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});

describe('a subgraph that is down', () => {
  it('nulls its fields with SUBGRAPH_UNAVAILABLE, naming neither host nor port', async () => {
    const tiny = await startTinySubgraph();
    const port = new URL(tiny.url).port;
    await tiny.stop();
    const gateway = await startGateway(loadGatewayConfig({ port: 0, supergraphFile: tiny.supergraphFile }));
    try {
      const { body } = await post(gateway.url, { query: '{ hello }' });
      expect(body.data).toEqual({ hello: null });
      expect(body.errors[0].extensions.code).toBe('SUBGRAPH_UNAVAILABLE');
      // @apollo/gateway names the subgraph in extensions.serviceName: never answered.
      expect(body.errors[0].extensions.serviceName).toBeUndefined();
      expect(JSON.stringify(body)).not.toContain(port);
      expect(JSON.stringify(body)).not.toContain('127.0.0.1');
    } finally {
      await gateway.stop();
    }
  });
});
