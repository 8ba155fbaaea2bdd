// Scenario 5 (a subgraph owner ships a change): the catalogue team publishes a new field to the registry
// and the web client uses it moments later, with no gateway restart; a change that would break an
// operation the mobile app sends is refused, naming that operation; an owner cannot publish another
// team's subgraph.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { catalogConfigFromEnv } from '../../subgraphs/catalog/config.ts';
import { createCatalogSubgraph } from '../../subgraphs/catalog/index.ts';
import { startSubgraph, type RunningSubgraph } from '../../subgraphs/runtime/serving/serve.ts';
import { parse } from 'graphql';
import { postJson } from '../support/http.ts';
import { startE2E, type E2E } from './harness.ts';

const CATALOG_SDL = readFileSync(new URL('../../subgraphs/catalog/schema.graphql', import.meta.url), 'utf8');
const TAGLINE = `
extend type ProductOffering {
  "A one-line selling point, written by the catalogue team for the web shop."
  tagline: String @public
}
`;

describe('scenario 5: a subgraph owner ships a change through the schema registry', () => {
  let e2e: E2E;
  let catalogV2: RunningSubgraph;
  const ready = async () => (await fetch(`${e2e.stack.gateway.adminUrl}/ready`)).json() as Promise<Record<string, unknown>>;
  const publish = (subgraph: string, token: string, body: object) => postJson(`${e2e.stack.registry?.url}/subgraphs/${subgraph}/publish`, body, { authorization: `Bearer ${token}` });
  const tokens = () => e2e.stack.registry?.devTokens as Record<string, string>;

  beforeAll(async () => {
    e2e = await startE2E({ registry: { pollIntervalMs: 100 } });
    // The catalogue team's new version, deployed beside the old one before its schema is published.
    const base = createCatalogSubgraph({ ...catalogConfigFromEnv({}), catalogueUrl: e2e.stack.legacy.catalogue.url });
    const resolvers = { ...base.resolvers, ProductOffering: { ...(base.resolvers['ProductOffering'] as object), tagline: (o: { name?: string }) => `${o.name}: now with free delivery` } };
    catalogV2 = await startSubgraph({ ...base, typeDefs: parse(CATALOG_SDL + TAGLINE), resolvers }, { internalTokenPublicKey: e2e.stack.internalKeys.publicKeyPem });
  });
  afterAll(async () => { await catalogV2?.stop(); await e2e?.stack.stop(); });

  it('the gateway serves the registry\'s supergraph', async () => {
    expect(await ready()).toMatchObject({ ready: true, schemaVersion: expect.any(Number), lastError: null });
  });

  it('publishes a new field that the web client uses moments later, without a gateway restart', async () => {
    const web = await e2e.as(null, 'web');
    const query = '{ productOffering(id: "PO-0001") { name tagline } }';
    expect((await web.run(query)).body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const before = (await ready())['schemaVersion'] as number;

    const published = await publish('catalog', tokens()['dev-catalog'] as string, { sdl: CATALOG_SDL + TAGLINE, routingUrl: catalogV2.url });
    expect(published.status).toBe(201);
    expect(published.body.report.ok).toBe(true);
    expect(published.body.diff.added).toContain('ProductOffering.tagline');

    await vi.waitFor(async () => expect((await ready())['schemaVersion']).toBeGreaterThan(before), { timeout: 2_000, interval: 50 });
    const res = await web.run(query);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.productOffering.tagline).toMatch(/now with free delivery$/);
  });

  it('refuses a change that would break an operation the mobile app sends, naming it', async () => {
    const withoutName = CATALOG_SDL.replace(/\n\s*"Commercial name[^\n]*\n\s*name: String\n/, '\n');
    expect(withoutName).not.toBe(CATALOG_SDL);
    const before = (await ready())['schemaHash'];
    const refused = await publish('catalog', tokens()['dev-catalog'] as string, { sdl: withoutName + TAGLINE, routingUrl: catalogV2.url });
    expect(refused.status).toBe(409);
    expect(refused.body.report.brokenOperations).toEqual(expect.arrayContaining([
      expect.objectContaining({ client: 'passerelle-mobile', channel: 'mobile', operation: 'AccountHome' }),
    ]));
    await new Promise((r) => setTimeout(r, 300));
    expect((await ready())['schemaHash']).toBe(before);
    expect((await (await e2e.as(null, 'web')).run('{ productOffering(id: "PO-0001") { name } }')).body.data.productOffering.name).toEqual(expect.any(String));
  });

  it('refuses an owner publishing another team\'s subgraph', async () => {
    const res = await publish('billing', tokens()['dev-catalog'] as string, { sdl: CATALOG_SDL });
    expect(res.status).toBe(403);
    expect(res.body.errors[0].extensions.code).toBe('FORBIDDEN');
  });
});
