import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { catalogWithField, startTestRegistry } from '../registry-test-support.ts';
import { FileRegistryStore } from './file-store.ts';
import { startRegistry } from '../start-registry.ts';
import { GuardedStore } from './store-guard.ts';
import { subgraphEntry, supergraphEntry } from './store-contract.ts';

const dirs: string[] = [];
const freshDir = async () => { const dir = await mkdtemp(join(tmpdir(), 'passerelle-guard-')); dirs.push(dir); return dir; };
afterAll(async () => { await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))); });

const publish = (store: GuardedStore, n: number) =>
  store.recordPublish({ subgraph: subgraphEntry('catalog', n), supergraph: supergraphEntry(n, { catalog: n }) });

describe('the registry guards its store with the last state it saw', () => {
  it('refuses an empty, older or unrelated store until accepted; a store named as successor is followed', async () => {
    const root = await freshDir();
    const stateFile = join(root, 'state.json');
    const open = async (dir: string, accept = false) => GuardedStore.open(await FileRegistryStore.open(join(root, dir)), { stateFile, accept });

    const live = await open('live');
    await publish(live, 1);
    await live.close();
    await cp(join(root, 'live'), join(root, 'snapshot'), { recursive: true });
    const again = await open('live');
    await publish(again, 2);
    const identity = await again.identity();
    expect((await again.currentSupergraph())?.storeId).toBe(identity?.id);
    await again.close();
    expect(JSON.parse(await readFile(stateFile, 'utf8'))).toMatchObject({ storeId: identity?.id, generation: 1, supergraphVersion: 2 });

    const empty = await open('empty');
    expect(await empty.refusal()).toMatch(/is empty .* last saw store \w+ \(generation 1\) at supergraph version 2\. .*--accept-store/);
    await expect(empty.currentSupergraph()).rejects.toMatchObject({ code: 'STORE_REFUSED' });
    await expect(publish(empty, 1)).rejects.toMatchObject({ code: 'STORE_REFUSED' });
    await empty.close();

    const older = await open('snapshot');
    expect(await older.refusal()).toMatch(/is older: its supergraph version is 1 \(a restored snapshot\?\)/);
    await older.close();

    // Accepted by an administrator: the new store names the one it replaces and takes the next generation.
    const accepted = await open('empty', true);
    expect(await accepted.refusal()).toBeNull();
    await publish(accepted, 1);
    expect(await accepted.identity()).toMatchObject({ generation: 2, previous: { id: identity?.id, supergraphVersion: 2 } });
    await accepted.close();
    expect(JSON.parse(await readFile(stateFile, 'utf8'))).toMatchObject({ generation: 2, supergraphVersion: 1 });

    // The old store is now the unrelated one.
    const old = await open('live');
    expect(await old.refusal()).toMatch(/is another store/);
    await old.close();
  });

  it('a registry whose store lost its data says why on /health and refuses publishes; --accept-store recovers', async () => {
    const stateFile = join(await freshDir(), 'registry-state.json');
    const first = await startTestRegistry({ stateFile });
    const storeDir = join(first.dir, 'store');
    const again = (acceptStore: boolean) => startRegistry({
      port: 0, dir: storeDir, stateFile, credentialsFile: join(first.dir, 'credentials.json'), seed: 'if-empty', acceptStore, log: () => {},
    });
    const api = async (registry: { url: string }, method: string, path: string, body?: unknown) => {
      const res = await fetch(`${registry.url}${path}`, { method, headers: { authorization: `Bearer ${first.tokens.catalogOwner}`, 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) });
      return { status: res.status, body: await res.json() };
    };
    try {
      await first.registry.stop();
      await rm(storeDir, { recursive: true, force: true }); // the store loses everything (as a Redis without persistence)
      const refusing = await again(false);
      try {
        expect(refusing.seeded).toEqual([]);
        expect(await api(refusing, 'GET', '/health')).toMatchObject({ status: 503, body: { status: 'refused', code: 'STORE_REFUSED', reason: expect.stringMatching(/is empty/) } });
        const publish = await api(refusing, 'POST', '/subgraphs/catalog/publish', { sdl: catalogWithField('ribbon') });
        expect(publish).toMatchObject({ status: 503, body: { errors: [{ extensions: { code: 'STORE_REFUSED' } }] } });
        expect((await api(refusing, 'GET', '/supergraph')).status).toBe(503);
      } finally {
        await refusing.stop();
      }
      const accepted = await again(true);
      try {
        expect(accepted.seeded.length).toBeGreaterThan(0);
        expect(await api(accepted, 'GET', '/health')).toMatchObject({ status: 200, body: { status: 'ok', supergraphVersion: 5 } });
      } finally {
        await accepted.stop();
      }
    } finally {
      await rm(first.dir, { recursive: true, force: true });
    }
  });
});
