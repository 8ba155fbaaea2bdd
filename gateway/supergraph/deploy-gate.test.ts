// The registry-following gateway's deployment gate, without composing anything: a registry stand-in
// (plain HTTP, honouring ETags) offers versions with their subgraphs' published schemas, a probe stand-in
// says which subgraph serves what, and update() records what the gateway would load.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SERVED_SUPERGRAPH_HEADER, type SubgraphSchemas } from '../../contracts/supergraph-notice.ts';
import { saveLastGood } from './last-good-file.ts';
import { registrySupergraph } from './registry-source.ts';
import type { SchemaProbeTarget } from './served-schema-probe.ts';

interface Offered { version: number; hash: string; sdl: string; subgraphSchemas: SubgraphSchemas }
const offer = (version: number, schemas: Record<string, string>): Offered => ({
  version, hash: `h${version}`, sdl: `supergraph ${version}`,
  subgraphSchemas: Object.fromEntries(Object.entries(schemas).map(([name, sdl]) => [name, { routingUrl: `http://127.0.0.1:1/${name}`, sdl }])),
});

async function registryStandIn(first: Offered) {
  const state = { current: first, polls: [] as IncomingHttpHeaders[], deployed: null as Offered | null };
  const server: Server = createServer((req, res) => {
    const json = (body: unknown) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (req.url === '/supergraph/status') return json({ supergraph: { version: state.current.version }, served: state.deployed ? { version: state.deployed.version } : null });
    if (req.url === `/supergraph/versions/${state.deployed?.version}`) return json(state.deployed);
    state.polls.push(req.headers);
    const etag = `"${state.current.hash}"`;
    if (req.headers['if-none-match'] === etag) { res.writeHead(304, { etag }).end(); return; }
    res.writeHead(200, { etag, 'content-type': 'application/json' }).end(JSON.stringify(state.current));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return { state, url, stop: () => new Promise((resolve) => server.close(resolve)) };
}

describe('the gateway swaps to a registry version only once its changed subgraphs serve it', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => { for (const c of cleanups.splice(0)) await c(); });

  async function follow(first: Offered, serving: Map<string, string>, lastGood?: { version: number; sdl: string }, deployed?: Offered) {
    const registry = await registryStandIn(first);
    registry.state.deployed = deployed ?? null;
    const lastGoodFile = join(tmpdir(), `passerelle-deploy-gate-${randomUUID()}.json`);
    if (lastGood) await saveLastGood(lastGoodFile, { ...lastGood, storeId: null });
    const probe = vi.fn(async (t: SchemaProbeTarget) => (serving.get(t.name) === t.publishedSdl ? null : `${t.name} serves another schema`));
    const loaded: string[] = [];
    const errors: string[] = [];
    const hook = registrySupergraph({ url: registry.url, pollIntervalMs: 100, lastGoodFile, probe, onLoad: () => {}, onError: (m) => errors.push(m) });
    const { supergraphSdl, cleanup } = await hook({ update: (sdl: string) => { loaded.push(sdl); }, healthCheck: async () => {}, getDataSource: () => { throw new Error('unused'); } } as never);
    cleanups.push(async () => { await cleanup?.(); await registry.stop(); });
    return { registry, probe, loaded, errors, supergraphSdl };
  }

  it('starts on its last good supergraph while the registry\'s waits, and swaps once the subgraph serves it', async () => {
    const serving = new Map([['catalog', 'type Query { a: Int }'], ['billing', 'type Query { b: Int }']]);
    const g = await follow(offer(2, { catalog: 'type Query { a: Int tagline: String }', billing: 'type Query { b: Int }' }), serving, { version: 1, sdl: 'supergraph 1' });
    expect(g.supergraphSdl).toBe('supergraph 1');
    expect(g.errors.join()).toMatch(/version 2 waits for deployment .*catalog serves another schema/);
    // 304s from now on: the waiting version is asked about again on each poll, and stays unserved.
    await new Promise((r) => setTimeout(r, 350));
    expect(g.loaded).toEqual(['supergraph 1']);
    expect(g.registry.state.polls.at(-1)?.[SERVED_SUPERGRAPH_HEADER]).toBe('1');
    serving.set('catalog', 'type Query { a: Int tagline: String }');
    await vi.waitFor(() => expect(g.loaded).toEqual(['supergraph 1', 'supergraph 2']), { timeout: 2_000, interval: 20 });
    await vi.waitFor(() => expect(g.registry.state.polls.at(-1)?.[SERVED_SUPERGRAPH_HEADER]).toBe('2'), { timeout: 2_000, interval: 20 });
  });

  it('asks only the subgraphs whose schema or routing URL changed, and never loads another schema than the published one', async () => {
    const serving = new Map([['catalog', 'type Query { a: Int }'], ['billing', 'type Query { b: Int }']]);
    const g = await follow(offer(1, { catalog: 'type Query { a: Int }', billing: 'type Query { b: Int }' }), serving);
    expect(g.supergraphSdl).toBe('supergraph 1');
    g.probe.mockClear();
    g.registry.state.current = offer(2, { catalog: 'type Query { a: Int }', billing: 'type Query { b: Int c: Int }' });
    await vi.waitFor(() => expect(g.errors.join()).toMatch(/version 2 waits for deployment/), { timeout: 2_000, interval: 20 });
    expect(new Set(g.probe.mock.calls.map(([t]) => t.name))).toEqual(new Set(['billing']));
    await new Promise((r) => setTimeout(r, 300));
    expect(g.loaded).toEqual(['supergraph 1']);
    serving.set('billing', 'type Query { b: Int c: Int }');
    await vi.waitFor(() => expect(g.loaded).toEqual(['supergraph 1', 'supergraph 2']), { timeout: 2_000, interval: 20 });
  });

  it('without a last good supergraph, starts on the version the other gateways serve while the current one waits', async () => {
    const serving = new Map([['catalog', 'type Query { a: Int }']]);
    const g = await follow(offer(5, { catalog: 'type Query { a: Int tagline: String }' }), serving, undefined, offer(4, { catalog: 'type Query { a: Int }' }));
    expect(g.supergraphSdl).toBe('supergraph 4');
    expect(g.errors.join()).toMatch(/version 5 waits for deployment/);
    serving.set('catalog', 'type Query { a: Int tagline: String }');
    await vi.waitFor(() => expect(g.loaded).toEqual(['supergraph 4', 'supergraph 5']), { timeout: 2_000, interval: 20 });
  });

  it('without a last good supergraph, starts on the current version when the registry knows no older one served', async () => {
    const g = await follow(offer(1, { catalog: 'type Query { a: Int }' }), new Map());
    expect(g.supergraphSdl).toBe('supergraph 1');
    expect(g.probe).not.toHaveBeenCalled();
  });
});
