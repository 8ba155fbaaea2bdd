/** Persisted operations per channel, through a real gateway over a tiny supergraph (production posture). */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateManifests } from '../../clients/persisted/generate.ts';
import { postJson } from '../../test/support/http.ts';
import { getGraphQL, persistedQuery } from '../../test/support/persisted.ts';
import { startTinySubgraph, type TinySubgraph } from '../../test/support/tiny-subgraph.ts';
import { loadGatewayConfig } from '../config.ts';
import { operationId } from '../../contracts/manifest-format.ts';
import { startGateway, type RunningGateway } from '../server.ts';

const MOBILE = { 'apollographql-client-name': 'mobile-app', 'apollographql-client-version': '3.0.0' };
const WEB = { 'apollographql-client-name': 'web-app', 'apollographql-client-version': '1.0.0' };
const PREFLIGHT = { 'apollo-require-preflight': 'true' };
const clients = { 'mobile-app': { channel: 'mobile' as const }, 'web-app': { channel: 'web' as const } };

/** Generates the mobile and web manifests of the tiny supergraph with `npm run persisted`'s code. */
function writeManifests(supergraphSdl: string): { mobile: string; web: string } {
  const root = mkdtempSync(join(tmpdir(), 'passerelle-persisted-'));
  const operations = { mobile: { Hello: 'query Hello { hello }' }, web: { WebHello: 'query WebHello { hello sawInternalToken }' } };
  for (const [channel, files] of Object.entries(operations)) {
    mkdirSync(join(root, channel, 'operations'), { recursive: true });
    for (const [name, source] of Object.entries(files)) writeFileSync(join(root, channel, 'operations', `${name}.graphql`), source);
  }
  const paths = Object.fromEntries(generateManifests(root, supergraphSdl).map((m) => { writeFileSync(m.path, m.json); return [m.channel, m.path]; }));
  return paths as { mobile: string; web: string };
}

const idOf = (manifestPath: string, name: string): string =>
  JSON.parse(readFileSync(manifestPath, 'utf8')).operations.find((o: { name: string }) => o.name === name).id;
const codeOf = (res: { body: { errors?: { extensions?: { code?: string } }[] } }) => res.body.errors?.[0]?.extensions?.code;

describe('persisted operations per channel', () => {
  let tiny: TinySubgraph;
  let production: RunningGateway;
  let development: RunningGateway;
  let helloId: string;
  let webHelloId: string;
  beforeAll(async () => {
    tiny = await startTinySubgraph();
    const manifests = writeManifests(readFileSync(tiny.supergraphFile, 'utf8'));
    helloId = idOf(manifests.mobile, 'Hello');
    webHelloId = idOf(manifests.web, 'WebHello');
    const base = { port: 0, supergraphFile: tiny.supergraphFile, clients, persistedOperations: { manifests } };
    production = await startGateway(loadGatewayConfig({ ...base, production: true }));
    development = await startGateway(loadGatewayConfig(base));
  });
  afterAll(async () => { await production.stop(); await development.stop(); await tiny.stop(); });

  describe('a persisted-only channel (mobile in production)', () => {
    it('runs an id of its manifest, over POST and over GET', async () => {
      const post = await postJson(production.url, { operationName: 'Hello', extensions: persistedQuery(helloId) }, MOBILE);
      expect([post.status, post.body]).toEqual([200, { data: { hello: 'world' } }]);
      const get = await getGraphQL(production.url, { operationName: 'Hello', extensions: persistedQuery(helloId) }, { ...MOBILE, ...PREFLIGHT });
      expect([get.status, get.body]).toEqual([200, { data: { hello: 'world' } }]);
    });

    it('refuses documents with 400 PERSISTED_QUERY_REQUIRED before parsing them (syntax errors and limits included)', async () => {
      for (const query of ['{ hello }', 'query Hello {\n  hello\n}', '{ hello', `{ ${'hello '.repeat(2_000)}}`]) {
        const res = await postJson(production.url, { query }, MOBILE);
        expect([res.status, codeOf(res), res.body.data]).toEqual([400, 'PERSISTED_QUERY_REQUIRED', undefined]);
        expect(res.body.errors[0].message).toMatch(/accepts only persisted operations/);
      }
      const get = await getGraphQL(production.url, { query: '{ hello }' }, { ...MOBILE, ...PREFLIGHT });
      expect([get.status, codeOf(get), get.headers.get('cache-control')]).toEqual([400, 'PERSISTED_QUERY_REQUIRED', 'private, no-cache, must-revalidate']);
    });

    it('refuses APQ registrations, which are not stored', async () => {
      const query = '{ hello sawInternalToken }';
      const register = await postJson(production.url, { query, extensions: persistedQuery(operationId(query)) }, MOBILE);
      expect([register.status, codeOf(register)]).toEqual([400, 'PERSISTED_QUERY_REQUIRED']);
      const after = await postJson(production.url, { extensions: persistedQuery(operationId(query)) }, MOBILE);
      expect(codeOf(after)).toBe('PERSISTED_QUERY_NOT_FOUND');
    });

    it('does not know the ids of another channel\'s manifest, nor hashes registered by APQ elsewhere', async () => {
      const res = await postJson(production.url, { extensions: persistedQuery(webHelloId) }, MOBILE);
      // 200 and no-cache, as Apollo answers its APQ misses (Apollo clients read the code from the body).
      expect([res.status, res.body.data, res.headers.get('cache-control')]).toEqual([200, undefined, 'private, no-cache, must-revalidate']);
      expect(res.body.errors).toEqual([{ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }]);
      const query = '{ hello }';
      expect((await postJson(production.url, { query, extensions: persistedQuery(operationId(query)) }, WEB)).body).toEqual({ data: { hello: 'world' } });
      expect(codeOf(await postJson(production.url, { extensions: persistedQuery(operationId(query)) }, MOBILE))).toBe('PERSISTED_QUERY_NOT_FOUND');
    });
  });

  describe('a channel with APQ (web)', () => {
    it('registers a document under its hash, then runs the hash alone, over POST and GET', async () => {
      const query = 'query Both { hello sawInternalToken }';
      const hash = operationId(query);
      const miss = await postJson(production.url, { extensions: persistedQuery(hash) }, WEB);
      expect([miss.status, codeOf(miss)]).toEqual([200, 'PERSISTED_QUERY_NOT_FOUND']);
      const register = await postJson(production.url, { query, extensions: persistedQuery(hash) }, WEB);
      expect(register.body).toEqual({ data: { hello: 'world', sawInternalToken: true } });
      expect((await postJson(production.url, { extensions: persistedQuery(hash) }, WEB)).body).toEqual({ data: { hello: 'world', sawInternalToken: true } });
      const get = await getGraphQL(production.url, { operationName: 'Both', extensions: persistedQuery(hash) }, { ...WEB, ...PREFLIGHT });
      expect([get.status, get.body]).toEqual([200, { data: { hello: 'world', sawInternalToken: true } }]);
    });

    it('refuses a registration whose hash is not its document\'s, and stores nothing under it', async () => {
      const wrong = operationId('{ something else }');
      const res = await postJson(production.url, { query: '{ hello }', extensions: persistedQuery(wrong) }, WEB);
      expect([res.status, codeOf(res), res.body.data]).toEqual([400, 'BAD_REQUEST', undefined]);
      expect(res.body.errors[0].message).toMatch(/hash does not match the query/);
      expect(codeOf(await postJson(production.url, { extensions: persistedQuery(wrong) }, WEB))).toBe('PERSISTED_QUERY_NOT_FOUND');
    });

    it('runs its own manifest\'s ids, not mobile\'s (which never reach the APQ store)', async () => {
      expect((await postJson(production.url, { extensions: persistedQuery(webHelloId) }, WEB)).body).toEqual({ data: { hello: 'world', sawInternalToken: true } });
      await postJson(production.url, { extensions: persistedQuery(helloId) }, MOBILE);
      expect(codeOf(await postJson(production.url, { extensions: persistedQuery(helloId) }, WEB))).toBe('PERSISTED_QUERY_NOT_FOUND');
    });
  });

  describe('GET and CSRF prevention', () => {
    it('refuses a GET without apollo-require-preflight (or a non-simple content type) with 400 BAD_REQUEST', async () => {
      const bare = await getGraphQL(production.url, { extensions: persistedQuery(helloId) }, MOBILE);
      expect([bare.status, codeOf(bare)]).toEqual([400, 'BAD_REQUEST']);
      expect(bare.body.errors[0].message).toMatch(/Cross-Site Request Forgery/);
      const json = await getGraphQL(production.url, { extensions: persistedQuery(helloId) }, { ...MOBILE, 'content-type': 'application/json' });
      expect([json.status, json.body]).toEqual([200, { data: { hello: 'world' } }]);
    });
  });

  describe('APQ registrations are bounded (size, and rate per caller)', () => {
    let bounded: RunningGateway;
    beforeAll(async () => {
      const manifests = writeManifests(readFileSync(tiny.supergraphFile, 'utf8'));
      bounded = await startGateway(loadGatewayConfig({ port: 0, supergraphFile: tiny.supergraphFile, clients, persistedOperations: { manifests, apqMaxBytes: 200, apqRegistrationsPerMinute: 3 } }));
    });
    afterAll(() => bounded.stop());

    it('refuses a document over the size limit with 413 PAYLOAD_TOO_LARGE, and stores nothing', async () => {
      const query = `{ hello ${'__typename '.repeat(30)}}`;
      const res = await postJson(bounded.url, { query, extensions: persistedQuery(operationId(query)) }, WEB);
      expect([res.status, codeOf(res), res.body.data]).toEqual([413, 'PAYLOAD_TOO_LARGE', undefined]);
      expect(codeOf(await postJson(bounded.url, { extensions: persistedQuery(operationId(query)) }, WEB))).toBe('PERSISTED_QUERY_NOT_FOUND');
    });

    it('lets an anonymous caller register at its rate, then answers 429 RATE_LIMITED with Retry-After', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i += 1) {
        const query = `query Q${i} { hello }`;
        const res = await postJson(bounded.url, { query, extensions: persistedQuery(operationId(query)) }, WEB);
        statuses.push(res.status);
        if (res.status === 429) {
          expect(codeOf(res)).toBe('RATE_LIMITED');
          expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
        }
      }
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      // Documents without registration are not limited by it.
      expect((await postJson(bounded.url, { query: '{ hello }' }, WEB)).status).toBe(200);
    });
  });

  it('outside production, mobile accepts documents and APQ too', async () => {
    expect((await postJson(development.url, { query: '{ hello }' }, MOBILE)).body).toEqual({ data: { hello: 'world' } });
    const query = '{ sawInternalToken }';
    expect((await postJson(development.url, { query, extensions: persistedQuery(operationId(query)) }, MOBILE)).body).toEqual({ data: { sawInternalToken: true } });
    expect((await postJson(development.url, { extensions: persistedQuery(operationId(query)) }, MOBILE)).body).toEqual({ data: { sawInternalToken: true } });
  });
});
