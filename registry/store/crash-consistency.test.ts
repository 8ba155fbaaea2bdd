/**
 * A crash at any step of a publish leaves the file store in the old state or the new one. Each test builds
 * the files a crash at one step would leave (the steps are: append the subgraph line, append the
 * supergraph line, write head.json.tmp-*, rename it over head.json), reopens the store as a restarted
 * registry would, and checks what it sees, then that publishing carries on with the right numbers.
 */
import { appendFile, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FileRegistryStore } from './file-store.ts';
import { publishSample, subgraphEntry, supergraphEntry } from './store-contract.ts';

const dirs: string[] = [];
afterAll(async () => { await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))); });

/** A store holding the sample (catalog v2, party v1, supergraph v2), "crashed": never closed. */
async function sampleDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'passerelle-crash-'));
  dirs.push(dir);
  await publishSample(await FileRegistryStore.open(dir));
  return dir;
}

const next = { subgraph: subgraphEntry('catalog', 3), supergraph: supergraphEntry(3, { catalog: 3, party: 1 }) };
const line = (value: unknown) => `${JSON.stringify(value)}\n`;

async function expectOldState(store: FileRegistryStore): Promise<void> {
  expect((await store.history('catalog')).map((v) => v.version)).toEqual([1, 2]);
  expect((await store.currentSubgraphs()).find((s) => s.subgraph === 'catalog')?.version).toBe(2);
  expect((await store.currentSupergraph())?.version).toBe(2);
  // And publishing carries on from there, with the numbers the crashed publish would have used.
  await store.recordPublish(next);
  expect((await store.currentSupergraph())?.subgraphs).toEqual({ catalog: 3, party: 1 });
}

describe('file store crash consistency', () => {
  it('a partial last line (crash during the subgraph append) is cut off on reopen', async () => {
    const dir = await sampleDir();
    const file = join(dir, 'subgraphs', 'catalog.jsonl');
    const before = (await stat(file)).size;
    await appendFile(file, line(next.subgraph).slice(0, 40));
    const store = await FileRegistryStore.open(dir);
    expect(store.recovered.join('\n')).toMatch(/catalog\.jsonl back to 2 version/);
    expect((await stat(file)).size).toBe(before);
    await expectOldState(store);
    expect((await stat(file)).size).toBe(before + Buffer.byteLength(line(next.subgraph)));
  });

  it('whole lines whose head.json was never written (crash before the commit) are discarded', async () => {
    const dir = await sampleDir();
    await appendFile(join(dir, 'subgraphs', 'catalog.jsonl'), line(next.subgraph));
    await appendFile(join(dir, 'supergraphs.jsonl'), line(next.supergraph).slice(0, 100));
    const store = await FileRegistryStore.open(dir);
    expect(store.recovered).toHaveLength(2);
    await expectOldState(store);
  });

  it('a leftover head.json temp file (crash before the rename) is removed and ignored', async () => {
    const dir = await sampleDir();
    await appendFile(join(dir, 'subgraphs', 'catalog.jsonl'), line(next.subgraph));
    await appendFile(join(dir, 'supergraphs.jsonl'), line(next.supergraph));
    const head = JSON.parse(await readFile(join(dir, 'head.json'), 'utf8'));
    await writeFile(join(dir, 'head.json.tmp-999-deadbeef'), JSON.stringify({ ...head, supergraph: 3, subgraphs: { ...head.subgraphs, catalog: 3 } }).slice(0, 30));
    const store = await FileRegistryStore.open(dir);
    expect(store.recovered).toContain('removed head.json.tmp-999-deadbeef');
    expect((await readdir(dir)).filter((f) => f.includes('.tmp-'))).toEqual([]);
    await expectOldState(store);
  });

  it('after the rename (the commit point) the new state is there, whole', async () => {
    const dir = await sampleDir();
    const store = await FileRegistryStore.open(dir);
    await store.recordPublish(next);
    const reopened = await FileRegistryStore.open(dir);
    expect(reopened.recovered).toEqual([]);
    expect((await reopened.currentSubgraphs()).find((s) => s.subgraph === 'catalog')?.version).toBe(3);
    expect((await reopened.currentSupergraph())?.subgraphs).toEqual({ catalog: 3, party: 1 });
  });

  it('a history shorter than head.json commits is reported as damage, not silently served', async () => {
    const dir = await sampleDir();
    const file = join(dir, 'subgraphs', 'catalog.jsonl');
    const content = await readFile(file, 'utf8');
    await writeFile(file, content.split('\n')[0] + '\n');
    await expect(FileRegistryStore.open(dir)).rejects.toThrow(/damaged/);
  });

  it('a failed append is undone at once, so the next publish does not follow a stray line', async () => {
    const dir = await sampleDir();
    const store = await FileRegistryStore.open(dir);
    // A supergraph line that cannot be serialized fails after the subgraph line was appended.
    const circular: Record<string, unknown> = {};
    circular['self'] = circular;
    await expect(store.recordPublish({ subgraph: next.subgraph, supergraph: { ...next.supergraph, subgraphs: circular as never } })).rejects.toThrow();
    const lines = (await readFile(join(dir, 'subgraphs', 'catalog.jsonl'), 'utf8')).trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    await expectOldState(store);
  });
});
