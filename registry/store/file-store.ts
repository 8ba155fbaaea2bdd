/**
 * The embedded store: an append-only history on disk, for one registry process.
 *
 *   <dir>/subgraphs/<name>.jsonl   every version of one subgraph, one JSON line each, oldest first
 *   <dir>/supergraphs.jsonl        every composed supergraph
 *   <dir>/head.json                the commit point: how many lines of each file are committed, and the
 *                                  store's identity (store-identity.ts), written with the first record
 *   <dir>/clients.json             the registered client operations
 *
 * A publish appends its lines (fsynced), then replaces head.json (temp file, fsync, rename): the rename
 * commits it. Opening the store cuts every history back to what head.json commits (a partial last line,
 * or whole lines of a publish whose head was never written) and deletes leftover temp files, so that
 * a crash at any step leaves the old state or the new one, never a mix.
 */
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ClientOperations, SubgraphVersion, SupergraphVersion } from '../types.ts';
import { appendLines, readJsonFile, readJsonLines, removeTempFiles, replaceFile, truncateFile } from './durable-files.ts';
import { acquireDirectoryLock } from './directory-lock.ts';
import { clientKey, StoreConflictError, type PublishRecord, type RegistryStore } from './registry-store.ts';
import type { StoreIdentity } from './store-identity.ts';

export const DEFAULT_REGISTRY_DIR = '.passerelle/registry';

/** Subgraph names become file names: only this shape is accepted (as in supergraph.yaml). */
export const SUBGRAPH_NAME = /^[a-z][a-z0-9_-]{0,62}$/;

interface Head { format: 1; supergraph: number; subgraphs: Record<string, number>; store?: StoreIdentity }

export class FileRegistryStore implements RegistryStore {
  readonly kind = 'file';
  private head: Head = { format: 1, supergraph: 0, subgraphs: {} };
  private readonly histories = new Map<string, SubgraphVersion[]>();
  private supergraphs: SupergraphVersion[] = [];
  private clients = new Map<string, ClientOperations>();
  /** What opening the store had to undo: shown in tests and logs after a crash. */
  readonly recovered: string[] = [];
  private releaseLock: () => Promise<void> = async () => {};

  private constructor(readonly dir: string) {}

  static async open(dir: string = DEFAULT_REGISTRY_DIR): Promise<FileRegistryStore> {
    const store = new FileRegistryStore(dir);
    await mkdir(join(dir, 'subgraphs'), { recursive: true, mode: 0o700 });
    store.releaseLock = await acquireDirectoryLock(dir);
    await store.recover();
    return store;
  }

  private async recover(): Promise<void> {
    for (const sub of ['.', 'subgraphs']) {
      for (const name of await removeTempFiles(join(this.dir, sub))) this.recovered.push(`removed ${name}`);
    }
    this.head = (await readJsonFile<Head>(join(this.dir, 'head.json'))) ?? this.head;
    const files = (await readdir(join(this.dir, 'subgraphs'))).filter((f) => f.endsWith('.jsonl'));
    for (const file of files) {
      const name = file.slice(0, -'.jsonl'.length);
      this.histories.set(name, await this.committed<SubgraphVersion>(join(this.dir, 'subgraphs', file), this.head.subgraphs[name] ?? 0));
    }
    for (const name of Object.keys(this.head.subgraphs)) {
      if (!this.histories.has(name)) throw new Error(`Registry store ${this.dir} is damaged: history of ${name} is missing.`);
    }
    this.supergraphs = await this.committed<SupergraphVersion>(join(this.dir, 'supergraphs.jsonl'), this.head.supergraph);
    const clients = (await readJsonFile<Record<string, ClientOperations>>(join(this.dir, 'clients.json'))) ?? {};
    this.clients = new Map(Object.entries(clients));
  }

  /** The first `count` lines of a history, cutting off anything after them (uncommitted or torn). */
  private async committed<T extends { version: number }>(path: string, count: number): Promise<T[]> {
    const lines = await readJsonLines<T>(path);
    if (lines.values.length < count || lines.values.slice(0, count).some((v, i) => v.version !== i + 1)) {
      throw new Error(`Registry store ${this.dir} is damaged: ${path} holds fewer committed versions than head.json.`);
    }
    const kept = lines.values.slice(0, count);
    const keptLength = count === 0 ? 0 : lines.ends[count - 1]!;
    if (keptLength !== lines.size) {
      await truncateFile(path, keptLength);
      this.recovered.push(`cut ${path} back to ${count} version(s) (${lines.size - keptLength} uncommitted bytes)`);
    }
    return kept;
  }

  async currentSubgraphs(): Promise<SubgraphVersion[]> {
    return Object.keys(this.head.subgraphs).sort().map((name) => this.histories.get(name)!.at(-1)!);
  }

  async history(subgraph: string): Promise<SubgraphVersion[]> {
    return [...(this.histories.get(subgraph) ?? [])];
  }

  async subgraphVersion(subgraph: string, version: number): Promise<SubgraphVersion | null> {
    return this.histories.get(subgraph)?.[version - 1] ?? null;
  }

  async currentSupergraph(): Promise<SupergraphVersion | null> {
    return this.supergraphs.at(-1) ?? null;
  }

  async supergraphVersion(version: number): Promise<SupergraphVersion | null> {
    return this.supergraphs[version - 1] ?? null;
  }

  async recordPublish({ subgraph, supergraph }: PublishRecord): Promise<void> {
    if (!SUBGRAPH_NAME.test(subgraph.subgraph)) throw new Error(`Not a subgraph name: ${subgraph.subgraph}`);
    const history = this.histories.get(subgraph.subgraph) ?? [];
    if (subgraph.version !== history.length + 1 || (supergraph && supergraph.version !== this.supergraphs.length + 1)) {
      throw new StoreConflictError('The registry changed while this publish was prepared.');
    }
    const subgraphFile = join(this.dir, 'subgraphs', `${subgraph.subgraph}.jsonl`);
    const supergraphFile = join(this.dir, 'supergraphs.jsonl');
    const next: Head = {
      ...this.head,
      supergraph: supergraph ? supergraph.version : this.head.supergraph,
      subgraphs: { ...this.head.subgraphs, [subgraph.subgraph]: subgraph.version },
    };
    try {
      await appendLines(subgraphFile, [subgraph]);
      if (supergraph) await appendLines(supergraphFile, [supergraph]);
      await replaceFile(join(this.dir, 'head.json'), JSON.stringify(next));
    } catch (error) {
      // Not committed: undo the appends now, so the next publish does not follow a stray line.
      await this.committed(subgraphFile, this.head.subgraphs[subgraph.subgraph] ?? 0).catch(() => {});
      await this.committed(supergraphFile, this.head.supergraph).catch(() => {});
      throw error;
    }
    this.head = next;
    this.histories.set(subgraph.subgraph, [...history, subgraph]);
    if (supergraph) this.supergraphs.push(supergraph);
  }

  async clientOperations(): Promise<ClientOperations[]> {
    return [...this.clients.values()];
  }

  async putClientOperations(operations: ClientOperations): Promise<void> {
    const next = new Map(this.clients).set(clientKey(operations.client, operations.clientVersion), operations);
    await replaceFile(join(this.dir, 'clients.json'), JSON.stringify(Object.fromEntries(next)));
    this.clients = next;
  }

  async deleteClientOperations(client: string, clientVersion: string): Promise<boolean> {
    const next = new Map(this.clients);
    if (!next.delete(clientKey(client, clientVersion))) return false;
    await replaceFile(join(this.dir, 'clients.json'), JSON.stringify(Object.fromEntries(next)));
    this.clients = next;
    return true;
  }

  async identity(): Promise<StoreIdentity | null> {
    return this.head.store ?? null;
  }

  async claimIdentity(identity: StoreIdentity): Promise<StoreIdentity> {
    if (this.head.store) return this.head.store;
    const next: Head = { ...this.head, store: identity };
    await replaceFile(join(this.dir, 'head.json'), JSON.stringify(next));
    this.head = next;
    return identity;
  }

  /** One process per directory (directory-lock.ts), so the registry's own queue is the whole lock. */
  async withPublishLock<T>(fn: () => Promise<T>): Promise<T> {
    return fn();
  }

  async close(): Promise<void> {
    await this.releaseLock();
  }
}
