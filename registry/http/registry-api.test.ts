import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BILLING_SDL, catalogWithField, NAME_FIELD, replacingOnce, startTestRegistry, type TestRegistry } from '../registry-test-support.ts';

const COMMITTED_SUPERGRAPH = readFileSync(new URL('../../schema/supergraph.graphql', import.meta.url), 'utf8');
let t: TestRegistry;
/** Version 2 (with tagline) without ProductOffering.name. */
const catalogWithoutName = () => replacingOnce(catalogWithField('tagline'), NAME_FIELD, '');

beforeAll(async () => { t = await startTestRegistry({ maxBodyBytes: 256 * 1024 }); });
afterAll(async () => { await t?.stop(); });

describe('registry HTTP API: access', () => {
  it('answers /health without a credential, and nothing else', async () => {
    expect(await t.api('GET', '/health')).toMatchObject({ status: 200, body: { status: 'ok', store: 'file', supergraphVersion: 5 } });
    for (const [method, path] of [['GET', '/subgraphs'], ['GET', '/supergraph'], ['GET', '/docs'], ['GET', '/clients'], ['POST', '/subgraphs/catalog/check']]) {
      const answer = await t.api(method!, path!, null, method === 'POST' ? { sdl: 'type Query { a: Int }' } : undefined);
      expect(answer.status, path).toBe(401);
      expect(answer.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
      expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer/);
    }
    const forged = `${t.tokens.reader.split('.')[0]}.not-the-secret`;
    expect((await t.api('GET', '/subgraphs', forged)).status).toBe(401);
  });

  it('lets an owner publish only its own subgraph (403 otherwise), and a reader publish nothing', async () => {
    const changedBilling = `${BILLING_SDL}\n# a comment\n`;
    const asCatalog = await t.api('POST', '/subgraphs/billing/publish', t.tokens.catalogOwner, { sdl: changedBilling });
    expect(asCatalog.status).toBe(403);
    expect(asCatalog.body.errors[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' }, message: expect.stringMatching(/catalog-team may not publish billing/) });
    expect((await t.api('POST', '/subgraphs/catalog/publish', t.tokens.reader, { sdl: catalogWithField('x') })).status).toBe(403);
    expect((await t.api('POST', '/subgraphs/catalog/rollback', t.tokens.billingOwner, { toVersion: 1 })).status).toBe(403);
    expect((await t.api('GET', '/subgraphs/billing/history', t.tokens.reader)).body.versions).toHaveLength(1);
  });

  it('refuses a body above the limit (413) and malformed requests (400)', async () => {
    const huge = await t.api('POST', '/subgraphs/catalog/check', t.tokens.reader, { sdl: 'x'.repeat(300 * 1024) });
    expect(huge.status).toBe(413);
    expect(huge.body.errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    expect((await t.api('POST', '/subgraphs/catalog/check', t.tokens.reader, '{not json')).body.errors[0].extensions.code).toBe('BAD_REQUEST');
    expect((await t.api('POST', '/subgraphs/Bad..Name/check', t.tokens.reader, { sdl: 'type Query { a: Int }' })).status).toBe(400);
    const newWithoutUrl = await t.api('POST', '/subgraphs/loyalty/publish', t.tokens.admin, { sdl: 'type Query { points: Int }' });
    expect(newWithoutUrl.body.errors[0].message).toMatch(/routingUrl is required/);
    expect((await t.api('GET', '/nowhere', t.tokens.reader)).status).toBe(404);
  });
});

describe('registry HTTP API: reads', () => {
  it('serves the seeded subgraphs and a supergraph equal to the committed composition', async () => {
    const { body } = await t.api('GET', '/subgraphs', t.tokens.reader);
    expect(body.subgraphs.map((s: { subgraph: string }) => s.subgraph)).toEqual(['billing', 'catalog', 'inventory', 'ordering', 'party']);
    expect(body.subgraphs[0].sdl).toBeUndefined();
    const billing = await t.api('GET', '/subgraphs/billing', t.tokens.reader);
    expect(billing.body).toMatchObject({ version: 1, sdl: BILLING_SDL, publishedBy: 'seed', routingUrl: 'http://127.0.0.1:4004/graphql' });
    const supergraph = await t.api('GET', '/supergraph/versions/5', t.tokens.reader);
    expect(supergraph.body.sdl).toBe(COMMITTED_SUPERGRAPH);
    expect(supergraph.body.subgraphs).toEqual({ party: 1, catalog: 1, ordering: 1, billing: 1, inventory: 1 });
    expect((await t.api('GET', '/subgraphs/nothing', t.tokens.reader)).body.errors[0].extensions.code).toBe('NOT_FOUND');
  });

  it('registers the repository clients\' operations; an admin registers and retires client versions', async () => {
    const { body } = await t.api('GET', '/clients', t.tokens.reader);
    expect(body.clients).toContainEqual(expect.objectContaining({ client: 'passerelle-mobile', channel: 'mobile', operations: expect.arrayContaining(['AccountHome']) }));
    const manifest = JSON.parse(readFileSync(new URL('../../clients/mobile/persisted-query-manifest.json', import.meta.url), 'utf8'));
    const path = '/clients/passerelle-mobile/versions/3.0.0/operations';
    expect((await t.api('PUT', path, t.tokens.catalogOwner, manifest)).status).toBe(403);
    expect(await t.api('PUT', path, t.tokens.admin, manifest)).toMatchObject({ status: 201, body: { channel: 'mobile', clientVersion: '3.0.0' } });
    const body2 = 'query Bogus { nothingHere }';
    const bogus = { ...manifest, operations: [{ id: createHash('sha256').update(body2).digest('hex'), name: 'Bogus', type: 'query', body: body2 }] };
    const refused = await t.api('PUT', path, t.tokens.admin, bogus);
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].message).toMatch(/Bogus: Cannot query field "nothingHere"/);
    const wrongId = { ...manifest, operations: [{ ...manifest.operations[0], id: 'f'.repeat(64) }] };
    expect((await t.api('PUT', path, t.tokens.admin, wrongId)).body.errors[0].message).toMatch(/not the SHA-256/);
    expect((await t.api('DELETE', '/clients/passerelle-mobile/versions/3.0.0', t.tokens.admin)).status).toBe(204);
    expect((await t.api('DELETE', '/clients/passerelle-mobile/versions/3.0.0', t.tokens.admin)).status).toBe(404);
  });
});

describe('registry HTTP API: scenario 5, the catalogue team ships a change', () => {
  let firstEtag: string;

  it('publishes a new field: 201 with the new versions and the report; the supergraph and docs have it', async () => {
    const before = await t.api('GET', '/supergraph', t.tokens.reader);
    firstEtag = before.headers.get('etag')!;
    expect(firstEtag).toBe(`"${before.body.hash}"`);
    const published = await t.api('POST', '/subgraphs/catalog/publish', t.tokens.catalogOwner, { sdl: catalogWithField('tagline') });
    expect(published.status).toBe(201);
    expect(published.body).toMatchObject({
      published: true,
      subgraph: { subgraph: 'catalog', version: 2, publishedBy: 'catalog-team', diff: { added: ['ProductOffering.tagline'], removed: [] } },
      supergraph: { version: 6, subgraphs: { catalog: 2, party: 1 } },
      report: { ok: true, brokenOperations: [] },
    });
    const after = await t.api('GET', '/supergraph', t.tokens.reader);
    expect(after.body.sdl).toMatch(/tagline: String/);
    expect(after.body.hash).toBe(createHash('sha256').update(after.body.sdl).digest('hex'));
    const docs = await t.api('GET', '/docs', t.tokens.reader);
    expect(docs.headers.get('content-type')).toMatch(/text\/markdown/);
    expect(docs.headers.get('x-supergraph-version')).toBe('6');
    expect(docs.body).toMatch(/tagline/);
  });

  it('answers pollers 304 while the supergraph is unchanged, 200 with a new ETag once it changed', async () => {
    const current = await t.api('GET', '/supergraph', t.tokens.reader);
    const etag = current.headers.get('etag')!;
    expect(etag).not.toBe(firstEtag);
    expect((await t.api('GET', '/supergraph', t.tokens.reader, undefined, { 'if-none-match': etag })).status).toBe(304);
    const stale = await t.api('GET', '/supergraph', t.tokens.reader, undefined, { 'if-none-match': firstEtag });
    expect(stale.status).toBe(200);
    expect(stale.body.version).toBe(6);
  });

  it('records nothing when the same schema is published again (200, published: false)', async () => {
    const again = await t.api('POST', '/subgraphs/catalog/publish', t.tokens.catalogOwner, { sdl: catalogWithField('tagline') });
    expect(again).toMatchObject({ status: 200, body: { published: false, subgraph: { version: 2 } } });
  });

  it('refuses (409) removing a field the mobile app reads, naming its AccountHome operation', async () => {
    const refused = await t.api('POST', '/subgraphs/catalog/publish', t.tokens.catalogOwner, { sdl: catalogWithoutName() });
    expect(refused.status).toBe(409);
    expect(refused.body.errors[0].extensions.code).toBe('CONFLICT');
    expect(refused.body.report.ok).toBe(false);
    expect(refused.body.report.brokenOperations).toContainEqual(expect.objectContaining({
      client: 'passerelle-mobile', channel: 'mobile', operation: 'AccountHome',
      errors: expect.arrayContaining(['Cannot query field "name" on type "ProductOffering".']),
    }));
    expect(refused.body.diff.removed).toEqual(['ProductOffering.name']);
    expect((await t.api('GET', '/subgraphs/catalog', t.tokens.reader)).body.version).toBe(2);
    const check = await t.api('POST', '/subgraphs/catalog/check', t.tokens.reader, { sdl: catalogWithoutName() });
    expect(check).toMatchObject({ status: 200, body: { ok: false, baseVersion: 2 } });
  });

  it('publishes it when forced with a reason, recorded in the history for ever', async () => {
    expect((await t.api('POST', '/subgraphs/catalog/publish', t.tokens.catalogOwner, { sdl: catalogWithoutName(), force: { reason: ' ' } })).status).toBe(400);
    const forced = await t.api('POST', '/subgraphs/catalog/publish', t.tokens.catalogOwner, { sdl: catalogWithoutName(), force: { reason: 'mobile 1.x retired today' } });
    expect(forced.status).toBe(201);
    expect(forced.body.subgraph).toMatchObject({ version: 3, forced: { reason: 'mobile 1.x retired today' }, check: { ok: false } });
    const history = await t.api('GET', '/subgraphs/catalog/history', t.tokens.reader);
    expect(history.body.versions.map((v: { version: number; forced?: unknown }) => [v.version, v.forced ?? null])).toEqual([
      [1, null], [2, null], [3, { reason: 'mobile 1.x retired today' }],
    ]);
    expect(history.body.versions[2]).toMatchObject({ publishedBy: 'catalog-team', routingUrl: 'http://127.0.0.1:4002/graphql', diff: { removed: ['ProductOffering.name'] } });
  });

  it('diffs two versions', async () => {
    const diff = await t.api('GET', '/diff?subgraph=catalog&from=2&to=3', t.tokens.reader);
    expect(diff.body).toMatchObject({ from: 2, to: 3, diff: { removed: ['ProductOffering.name'] } });
    expect(diff.body.breaking).toContainEqual({ type: 'FIELD_REMOVED', description: 'ProductOffering.name was removed.' });
    expect((await t.api('GET', '/diff?subgraph=catalog&from=0', t.tokens.reader)).status).toBe(400);
    expect((await t.api('GET', '/diff?subgraph=catalog&from=1&to=9', t.tokens.reader)).status).toBe(404);
  });

  it('rolls back by re-publishing an earlier version as a new, checked one', async () => {
    const rolled = await t.api('POST', '/subgraphs/catalog/rollback', t.tokens.catalogOwner, { toVersion: 2 });
    expect(rolled.status).toBe(201);
    expect(rolled.body.subgraph).toMatchObject({ version: 4, rollbackOf: 2, check: { ok: true }, diff: { added: ['ProductOffering.name'] } });
    expect((await t.api('GET', '/subgraphs/catalog', t.tokens.reader)).body.sdl).toBe(catalogWithField('tagline'));
    expect((await t.api('POST', '/subgraphs/catalog/rollback', t.tokens.catalogOwner, { toVersion: 42 })).status).toBe(404);
  });

  it('serializes concurrent publishes: neither composes against stale state', async () => {
    const billing = replacingOnce(BILLING_SDL, 'type Query {', 'type Query {\n  "Test field (no legacy source)."\n  billingPing: String');
    const [a, b] = await Promise.all([
      t.api('POST', '/subgraphs/catalog/publish', t.tokens.catalogOwner, { sdl: catalogWithField('slogan') }),
      t.api('POST', '/subgraphs/billing/publish', t.tokens.billingOwner, { sdl: billing }),
    ]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect([a.body.supergraph.version, b.body.supergraph.version].sort((x, y) => x - y)).toEqual([9, 10]);
    const current = await t.api('GET', '/supergraph', t.tokens.reader);
    expect(current.body.sdl).toMatch(/slogan: String/);
    expect(current.body.sdl).toMatch(/billingPing: String/);
    expect(current.body.subgraphs).toMatchObject({ catalog: 5, billing: 2 });
  });
});
