import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FileRegistryStore } from './file-store.ts';
import { mobileOperations, publishSample, storeContract } from './store-contract.ts';

const dirs: string[] = [];
const freshDir = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'passerelle-registry-'));
  dirs.push(dir);
  return dir;
};
afterAll(async () => { await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))); });

describe('FileRegistryStore', () => {
  storeContract(async () => FileRegistryStore.open(await freshDir()));

  it('finds everything again after a restart, from append-only JSON lines', async () => {
    const dir = await freshDir();
    const first = await FileRegistryStore.open(dir);
    await publishSample(first);
    await first.putClientOperations(mobileOperations);
    await first.close();
    const lines = (await readFile(join(dir, 'subgraphs', 'catalog.jsonl'), 'utf8')).trimEnd().split('\n');
    expect(lines.map((l) => JSON.parse(l).version)).toEqual([1, 2]);
    expect(JSON.parse(await readFile(join(dir, 'head.json'), 'utf8'))).toEqual({ format: 1, supergraph: 2, subgraphs: { catalog: 2, party: 1 } });

    const reopened = await FileRegistryStore.open(dir);
    expect(reopened.recovered).toEqual([]);
    expect((await reopened.currentSubgraphs()).map((s) => `${s.subgraph}@${s.version}`)).toEqual(['catalog@2', 'party@1']);
    expect((await reopened.currentSupergraph())?.version).toBe(2);
    expect(await reopened.clientOperations()).toEqual([mobileOperations]);
    await reopened.close();
  });

  it('refuses a second process on the same directory, and takes over the lock of a dead one', async () => {
    const dir = await freshDir();
    await writeFile(join(dir, 'registry.lock'), String(process.ppid));
    await expect(FileRegistryStore.open(dir)).rejects.toThrow(/in use by process/);
    // A pid that cannot be alive (above the kernel's pid_max): the lock of a crashed registry.
    await writeFile(join(dir, 'registry.lock'), '4194305');
    const store = await FileRegistryStore.open(dir);
    expect(JSON.parse(await readFile(join(dir, 'registry.lock'), 'utf8'))).toMatchObject({ pid: process.pid });
    await store.close();
  });

  it('refuses subgraph names that are not file-name safe', async () => {
    const store = await FileRegistryStore.open(await freshDir());
    const { subgraphEntry } = await import('./store-contract.ts');
    await expect(store.recordPublish({ subgraph: subgraphEntry('../evil', 1), supergraph: null })).rejects.toThrow(/Not a subgraph name/);
    await store.close();
  });
});
