/**
 * The registry's trust in its store. Every read and write first compares the store with the last state
 * the registry saw (registry-state.ts) and refuses (STORE_REFUSED, and /health says why) a store that is
 * empty, older (a lower supergraph version, or the same version with another hash) or another one (a
 * different id) until an administrator accepts it (`--accept-store`). Without this, a Redis that restarted
 * empty turned the next ordinary publish into "supergraph v1" of one subgraph, and gateways followed.
 * The state follows the store forward, and the store gets its identity with its first record.
 */
import { RegistryError } from '../service/registry-error.ts';
import type { ClientOperations, SubgraphVersion, SupergraphVersion } from '../types.ts';
import type { PublishRecord, RegistryStore } from './registry-store.ts';
import { readRegistryState, writeRegistryState, type RegistryState } from './registry-state.ts';
import { newStoreIdentity, type StoreIdentity } from './store-identity.ts';

export const ACCEPT_HINT = 'Nothing is served or written until an administrator accepts this store: restart the registry with --accept-store (docs/registry.md, "Store identity and recovery").';

type Verdict = { ok: true; identity: StoreIdentity | null; supergraph: SupergraphVersion | null } | { ok: false; reason: string };

const describe = (s: RegistryState) => `store ${s.storeId} (generation ${s.generation}) at supergraph version ${s.supergraphVersion}`;

export interface GuardOptions { stateFile: string; accept?: boolean; log?: (line: string) => void }

export class GuardedStore implements RegistryStore {
  private writing: Promise<void> = Promise.resolve();
  /** After an accepted empty store: what the new store's identity names as its previous one. */
  private replaced: RegistryState | null = null;

  private constructor(private readonly inner: RegistryStore, private readonly stateFile: string, private state: RegistryState | null) {}

  get kind(): string { return this.inner.kind; }

  static async open(inner: RegistryStore, options: GuardOptions): Promise<GuardedStore> {
    const guard = new GuardedStore(inner, options.stateFile, await readRegistryState(options.stateFile));
    if (options.accept) {
      const before = (await guard.verdict());
      if (!before.ok && guard.state) {
        options.log?.(`Store accepted by an administrator: ${before.reason}`);
        guard.replaced = guard.state;
        guard.state = null;
        const after = await guard.verdict();
        const followed = guard.state as RegistryState | null;
        if (after.ok && after.identity && followed) {
          const accepted: RegistryState = { ...followed, accepted: { at: new Date().toISOString(), replaced: describe(guard.replaced) } };
          guard.state = accepted;
          await guard.save(accepted);
        }
      }
    }
    return guard;
  }

  /** Why the store is refused, or null when it is trusted. */
  async refusal(): Promise<string | null> {
    const v = await this.verdict();
    return v.ok ? null : v.reason;
  }

  private async verdict(): Promise<Verdict> {
    let [identity, supergraph] = await Promise.all([this.inner.identity(), this.inner.currentSupergraph()]);
    const version = supergraph?.version ?? 0;
    const state = this.state;
    const refuse = (what: string): Verdict => ({ ok: false, reason: `The ${this.kind} store ${what}, but this registry last saw ${describe(state!)}. ${ACCEPT_HINT}` });
    if (!state) {
      // First start (or accepted): a store with history but no identity (older than identities) gets one now.
      if (!identity && supergraph) identity = await this.inner.claimIdentity(this.newIdentity());
      if (identity) this.follow(identity, supergraph);
      return { ok: true, identity, supergraph };
    }
    if (!identity) return refuse(supergraph ? `holds supergraph version ${version} but no identity` : 'is empty (no identity, no supergraph: did it lose its data?)');
    if (identity.id !== state.storeId) {
      const successor = identity.previous?.id === state.storeId && identity.previous.supergraphVersion >= state.supergraphVersion;
      if (!successor) return refuse(`is another store (${identity.id}, generation ${identity.generation}, supergraph version ${version})`);
    } else if (version < state.supergraphVersion) {
      return refuse(`is older: its supergraph version is ${version} (a restored snapshot?)`);
    } else if (version === state.supergraphVersion && state.supergraphHash !== null && supergraph?.hash !== state.supergraphHash) {
      return refuse(`has another supergraph version ${version} (hash ${supergraph?.hash ?? 'none'}, not ${state.supergraphHash})`);
    }
    this.follow(identity, supergraph);
    return { ok: true, identity, supergraph };
  }

  private newIdentity(): StoreIdentity {
    const r = this.replaced;
    return newStoreIdentity(r ? { id: r.storeId, generation: r.generation, supergraphVersion: r.supergraphVersion } : undefined);
  }

  /** Moves the remembered state forward (never back), written durably in order. */
  private follow(identity: StoreIdentity, supergraph: SupergraphVersion | null): void {
    const version = supergraph?.version ?? 0;
    const s = this.state;
    if (s && s.storeId === identity.id && s.supergraphVersion >= version) return;
    const next: RegistryState = {
      format: 1, storeId: identity.id, generation: identity.generation, supergraphVersion: version,
      supergraphHash: supergraph?.hash ?? null, updatedAt: new Date().toISOString(),
    };
    this.state = next;
    void this.save(next).catch(() => {});
  }

  private save(state: RegistryState): Promise<void> {
    this.writing = this.writing.catch(() => {}).then(() => writeRegistryState(this.stateFile, state));
    return this.writing;
  }

  /** Throws STORE_REFUSED unless the store is trusted. */
  private async trusted(): Promise<{ identity: StoreIdentity | null; supergraph: SupergraphVersion | null }> {
    const v = await this.verdict();
    if (!v.ok) throw new RegistryError('STORE_REFUSED', v.reason);
    return v;
  }

  private stamp(supergraph: SupergraphVersion | null, identity: StoreIdentity | null): SupergraphVersion | null {
    return supergraph && identity ? { ...supergraph, storeId: identity.id } : supergraph;
  }

  async currentSubgraphs(): Promise<SubgraphVersion[]> { await this.trusted(); return this.inner.currentSubgraphs(); }
  async history(subgraph: string): Promise<SubgraphVersion[]> { await this.trusted(); return this.inner.history(subgraph); }
  async subgraphVersion(subgraph: string, version: number): Promise<SubgraphVersion | null> { await this.trusted(); return this.inner.subgraphVersion(subgraph, version); }
  async clientOperations(): Promise<ClientOperations[]> { await this.trusted(); return this.inner.clientOperations(); }
  async identity(): Promise<StoreIdentity | null> { return this.inner.identity(); }
  async claimIdentity(identity: StoreIdentity): Promise<StoreIdentity> { return this.inner.claimIdentity(identity); }

  async currentSupergraph(): Promise<SupergraphVersion | null> {
    const { identity, supergraph } = await this.trusted();
    return this.stamp(supergraph, identity);
  }

  async supergraphVersion(version: number): Promise<SupergraphVersion | null> {
    const { identity } = await this.trusted();
    return this.stamp(await this.inner.supergraphVersion(version), identity);
  }

  /** The first record of a store carries its identity: claimed just before it, under the publish lock. */
  async recordPublish(record: PublishRecord): Promise<void> {
    const identity = (await this.trusted()).identity ?? (await this.inner.claimIdentity(this.newIdentity()));
    await this.inner.recordPublish(record);
    this.follow(identity, record.supergraph);
    await this.writing;
  }

  async putClientOperations(operations: ClientOperations): Promise<void> { await this.trusted(); return this.inner.putClientOperations(operations); }
  async deleteClientOperations(client: string, clientVersion: string): Promise<boolean> { await this.trusted(); return this.inner.deleteClientOperations(client, clientVersion); }
  withPublishLock<T>(fn: () => Promise<T>): Promise<T> { return this.inner.withPublishLock(fn); }

  async close(): Promise<void> {
    await this.writing.catch(() => {});
    await this.inner.close();
  }
}
