/** The gateway's HTTP posture, through a real gateway: production errors, CSRF, batching, CORS, clients. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson } from '../test/support/http.ts';
import { startTinySubgraph, type TinySubgraph } from '../test/support/tiny-subgraph.ts';
import { loadGatewayConfig } from './config.ts';
import { startGateway, type RunningGateway } from './server.ts';

const SHOP = 'https://shop.example';
const WEB = { 'apollographql-client-name': 'web-app', 'apollographql-client-version': '5.0.0' };

describe('the gateway\'s security posture', () => {
  let tiny: TinySubgraph;
  let production: RunningGateway;
  let development: RunningGateway;
  beforeAll(async () => {
    tiny = await startTinySubgraph();
    const clients = { 'web-app': { channel: 'web' as const }, 'mobile-app': { channel: 'mobile' as const, versions: ['>=2.1.0'] } };
    // Mobile takes documents here (production default: persisted operations only; see persisted/plugin.test.ts).
    const persistedOperations = { modes: { mobile: 'documents' as const } };
    production = await startGateway(loadGatewayConfig({ port: 0, supergraphFile: tiny.supergraphFile, production: true, clients, cors: { allowedOrigins: [SHOP] }, persistedOperations }));
    development = await startGateway(loadGatewayConfig({ port: 0, supergraphFile: tiny.supergraphFile, clients }));
  });
  afterAll(async () => { await production.stop(); await development.stop(); await tiny.stop(); });

  describe('clients', () => {
    it('in production, serves registered clients only, with 403 CLIENT_NOT_ALLOWED otherwise', async () => {
      expect((await postJson(production.url, { query: '{ hello }' }, WEB)).body).toEqual({ data: { hello: 'world' } });
      for (const headers of [{}, { 'apollographql-client-name': 'curl' }] as Record<string, string>[]) {
        const res = await postJson(production.url, { query: '{ hello }' }, headers);
        expect([res.status, res.body.errors[0].extensions.code, res.body.data]).toEqual([403, 'CLIENT_NOT_ALLOWED', undefined]);
      }
    });

    it('in development, serves unregistered clients on the web channel', async () => {
      expect((await postJson(development.url, { query: '{ hello }' }, { 'apollographql-client-name': 'curl' })).status).toBe(200);
    });

    it('refuses a version its registration does not allow, in any posture', async () => {
      for (const gateway of [production, development]) {
        const old = await postJson(gateway.url, { query: '{ hello }' }, { 'apollographql-client-name': 'mobile-app', 'apollographql-client-version': '2.0.3' });
        expect([old.status, old.body.errors[0].extensions.code]).toEqual([403, 'CLIENT_NOT_ALLOWED']);
        expect(old.body.errors[0].message).toMatch(/accepted versions: >=2\.1\.0/);
        const current = await postJson(gateway.url, { query: '{ hello }' }, { 'apollographql-client-name': 'mobile-app', 'apollographql-client-version': '2.1.0' });
        expect(current.status).toBe(200);
      }
    });
  });

  describe('production errors', () => {
    it('suggest no field names (development does)', async () => {
      const dev = await postJson(development.url, { query: '{ helo }' });
      expect(dev.body.errors[0].message).toMatch(/Did you mean "hello"\?/);
      const prod = await postJson(production.url, { query: '{ helo }' }, WEB);
      expect(prod.body.errors[0]).toMatchObject({ message: 'Cannot query field "helo" on type "Query".', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
      const argument = await postJson(production.url, { query: '{ slow(mss: 1) }' }, WEB);
      expect(argument.body.errors[0].message).toBe('Unknown argument "mss" on field "Query.slow".');
    });
  });

  describe('HTTP', () => {
    it('refuses a batch (array body) with 400 BAD_REQUEST', async () => {
      const res = await postJson(production.url, [{ query: '{ hello }' }, { query: '{ hello }' }], WEB);
      expect([res.status, res.body.errors[0].extensions.code]).toEqual([400, 'BAD_REQUEST']);
    });

    it('prevents CSRF: a GET query or a text/plain POST without a preflight-forcing header is refused', async () => {
      const get = `${production.url}?query=${encodeURIComponent('{ hello }')}`;
      const plainGet = await fetch(get, { headers: WEB });
      expect(plainGet.status).toBe(400);
      expect(await plainGet.json()).toMatchObject({ errors: [{ extensions: { code: 'BAD_REQUEST' } }] });
      expect((await fetch(get, { headers: { ...WEB, 'apollo-require-preflight': 'true' } })).status).toBe(200);
      const textPlain = await fetch(production.url, { method: 'POST', headers: { ...WEB, 'content-type': 'text/plain' }, body: JSON.stringify({ query: '{ hello }' }) });
      expect(textPlain.status).toBe(400);
      expect(await textPlain.text()).toMatch(/Cross-Site Request Forgery/);
    });

    it('never sends X-Powered-By', async () => {
      const base = production.url.replace('/graphql', '');
      const responses = await Promise.all([
        fetch(production.url, { method: 'POST', headers: { ...WEB, 'content-type': 'application/json' }, body: '{"query":"{ hello }"}' }),
        fetch(production.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ hello }"}' }),
        fetch(`${base}/health`), fetch(`${base}/nope`), fetch(production.url, { method: 'OPTIONS', headers: { origin: SHOP } }),
      ]);
      expect(responses.map((r) => r.status)).toEqual([200, 403, 200, 404, 204]);
      for (const r of responses) expect(r.headers.get('x-powered-by')).toBeNull();
    });
  });

  describe('CORS', () => {
    const preflight = (url: string, origin: string) => fetch(url, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, authorization, apollographql-client-name' },
    });

    it('answers a preflight from a listed origin, without credentials by default', async () => {
      const res = await preflight(production.url, SHOP);
      expect(res.status).toBe(204);
      expect(res.headers.get('access-control-allow-origin')).toBe(SHOP);
      expect(res.headers.get('access-control-allow-methods')).toMatch(/POST/);
      expect(res.headers.get('access-control-allow-headers')).toMatch(/authorization.*apollographql-client-name/);
      expect(res.headers.get('access-control-max-age')).toBe('600');
      expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    });

    it('gives other origins no CORS header; development allows only loopback origins by default (cors.test.ts)', async () => {
      for (const res of [await preflight(production.url, 'https://evil.example'), await preflight(development.url, SHOP)]) {
        expect(res.status).toBe(204);
        expect(res.headers.get('access-control-allow-origin')).toBeNull();
        expect(res.headers.get('access-control-allow-headers')).toBeNull();
      }
    });

    it('marks answers to a listed origin readable, and only those, varying on Origin', async () => {
      const shop = await postJson(production.url, { query: '{ hello }' }, { ...WEB, origin: SHOP });
      expect([shop.status, shop.headers.get('access-control-allow-origin'), shop.headers.get('vary')]).toEqual([200, SHOP, 'Origin']);
      const evil = await postJson(production.url, { query: '{ hello }' }, { ...WEB, origin: 'https://shop.example.evil.example' });
      expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    });
  });
});

describe('CORS configuration', () => {
  it('allows credentials only when configured, and refuses anything but exact origins', async () => {
    const tiny = await startTinySubgraph();
    const gateway = await startGateway(loadGatewayConfig({ port: 0, supergraphFile: tiny.supergraphFile, cors: { allowedOrigins: [SHOP], allowCredentials: true } }));
    try {
      const res = await fetch(gateway.url, { method: 'OPTIONS', headers: { origin: SHOP, 'access-control-request-method': 'POST' } });
      expect(res.headers.get('access-control-allow-credentials')).toBe('true');
    } finally {
      await gateway.stop();
      await tiny.stop();
    }
    for (const origin of ['*', 'https://shop.example/', 'https://shop.example/app', 'shop.example']) {
      expect(() => loadGatewayConfig({ supergraphFile: 'x', cors: { allowedOrigins: [origin] } }), origin).toThrow(/cors\.allowedOrigins\.0/);
    }
  });
});
