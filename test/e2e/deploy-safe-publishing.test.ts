// Publishing before deploying never breaks a client: a schema published to the registry before its
// subgraph serves it waits ("published, waiting for deployment") while the gateway keeps serving the
// previous supergraph; once the subgraph is deployed at its routing URL the gateway swaps on its own.
// A subgraph serving another schema than the one published is never swapped in.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { catalogConfigFromEnv } from '../../subgraphs/catalog/config.ts';
import { createCatalogSubgraph } from '../../subgraphs/catalog/index.ts';
import { startSubgraph, type RunningSubgraph } from '../../subgraphs/runtime/serving/serve.ts';
import { postJson } from '../support/http.ts';
import { startE2E, type E2E } from './harness.ts';

const CATALOG_SDL = readFileSync(new URL('../../subgraphs/catalog/schema.graphql', import.meta.url), 'utf8');
const TAGLINE = '\nextend type ProductOffering {\n  "A one-line selling point."\n  tagline: String @public\n}\n';
const SLOGAN = '\nextend type ProductOffering {\n  "A slogan nobody deployed."\n  slogan: String @public\n}\n';
const NAME_QUERY = '{ productOffering(id: "PO-0001") { name } }';
const TAGLINE_QUERY = '{ productOffering(id: "PO-0001") { name tagline } }';

/** A free loopback port: where a subgraph will be deployed later. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('deploy-safe publishing: a published schema waits for its subgraph to serve it', () => {
  let e2e: E2E;
  const started: RunningSubgraph[] = [];
  const ready = async () => (await fetch(`${e2e.stack.gateway.adminUrl}/ready`)).json() as Promise<Record<string, unknown>>;
  const registry = () => e2e.stack.registry!;
  const tokens = () => registry().devTokens as Record<string, string>;
  const publish = (sdl: string, routingUrl: string) =>
    postJson(`${registry().url}/subgraphs/catalog/publish`, { sdl, routingUrl }, { authorization: `Bearer ${tokens()['dev-catalog']}` });
  const read = async (path: string) => (await fetch(`${registry().url}${path}`, { headers: { authorization: `Bearer ${tokens()['dev-catalog']}` } })).json() as Promise<Record<string, any>>;
  const status = () => read('/supergraph/status');
  const deployCatalog = async (port: number, extra: string, resolvers: Record<string, (o: { name?: string }) => string>) => {
    const base = createCatalogSubgraph({ ...catalogConfigFromEnv({}), catalogueUrl: e2e.stack.legacy.catalogue.url });
    const subgraph = await startSubgraph({ ...base, typeDefs: parse(CATALOG_SDL + extra),
      resolvers: { ...base.resolvers, ProductOffering: { ...(base.resolvers['ProductOffering'] as object), ...resolvers } } },
    { internalTokenPublicKey: e2e.stack.internalKeys.publicKeyPem, port });
    started.push(subgraph);
    return subgraph;
  };
  const statusCli = () => new Promise<string>((resolve, reject) => {
    const env = { ...process.env, PASSERELLE_REGISTRY_URL: registry().url, PASSERELLE_REGISTRY_TOKEN: tokens()['dev-catalog'] };
    execFile(process.execPath, ['--import', 'tsx', 'registry/cli/main.ts', 'status'], { env, timeout: 60_000 }, (error, stdout) => (error ? reject(error) : resolve(stdout)));
  });

  beforeAll(async () => { e2e = await startE2E({ registry: { pollIntervalMs: 100 } }); });
  afterAll(async () => { for (const s of started) await s.stop(); await e2e?.stack.stop(); });

  it('serves the previous supergraph while the new schema waits, then swaps on its own once the subgraph is deployed', async () => {
    const web = await e2e.as(null, 'web');
    const before = (await ready())['schemaVersion'] as number;
    const port = await freePort();
    const routingUrl = `http://127.0.0.1:${port}/`;

    const published = await publish(CATALOG_SDL + TAGLINE, routingUrl);
    expect(published.status).toBe(201);
    expect(published.body.supergraph.version).toBeGreaterThan(before);
    // The gateway has seen the new version (it says why it waits) and still serves the previous one.
    await vi.waitFor(async () => expect(String((await ready())['lastError'])).toMatch(/waits for deployment.*catalog at .* is unreachable/), { timeout: 3_000, interval: 50 });
    await new Promise((r) => setTimeout(r, 300));
    expect((await ready())['schemaVersion']).toBe(before);
    const answered = await web.run(NAME_QUERY);
    expect(answered.body.errors).toBeUndefined();
    expect(answered.body.data.productOffering.name).toEqual(expect.any(String));
    expect((await web.run(TAGLINE_QUERY)).body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');

    expect(await status()).toMatchObject({ state: 'published, waiting for deployment', waitingFor: ['catalog'], served: { version: before } });
    const history = await read('/subgraphs/catalog/history');
    expect(history.versions.at(-1)).toMatchObject({ deployment: 'published, waiting for deployment' });
    expect(await statusCli()).toMatch(/published, waiting for deployment[\s\S]*waiting for the deployment of: catalog/);

    // Deployed at its routing URL: nothing else is done.
    await deployCatalog(port, TAGLINE, { tagline: (o: { name?: string }) => `${o.name}: now with free delivery` });
    await vi.waitFor(async () => expect((await ready())['schemaVersion']).toBe(published.body.supergraph.version), { timeout: 5_000, interval: 50 });
    const res = await web.run(TAGLINE_QUERY);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.productOffering.tagline).toMatch(/now with free delivery$/);
    await vi.waitFor(async () => expect(await status()).toMatchObject({ state: 'deployed', waitingFor: [] }), { timeout: 2_000, interval: 50 });
  });

  it('never swaps in a subgraph that serves another schema than the one published', async () => {
    const web = await e2e.as(null, 'web');
    const before = (await ready())['schemaVersion'] as number;
    const port = await freePort();
    // Deployed first, but serving the tagline schema, while the slogan schema is what gets published.
    await deployCatalog(port, TAGLINE, { tagline: () => 'deployed' });
    const published = await publish(CATALOG_SDL + TAGLINE + SLOGAN, `http://127.0.0.1:${port}/`);
    expect(published.status).toBe(201);
    await vi.waitFor(async () => expect(String((await ready())['lastError'])).toMatch(/serves another schema than the one published/), { timeout: 3_000, interval: 50 });
    await new Promise((r) => setTimeout(r, 500));
    expect((await ready())['schemaVersion']).toBe(before);
    expect((await web.run(TAGLINE_QUERY)).body.errors).toBeUndefined();
    expect((await web.run('{ productOffering(id: "PO-0001") { slogan } }')).body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(await status()).toMatchObject({ state: 'published, waiting for deployment', waitingFor: ['catalog'] });
  });
});
