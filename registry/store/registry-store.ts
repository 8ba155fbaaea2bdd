/**
 * Where the registry keeps its history. Two implementations: the file store (one registry process, the
 * default) and the Redis store (several registries and gateways sharing one history). Nothing is ever
 * rewritten: a publish appends a subgraph version and, when the composed supergraph changed, a
 * supergraph version, both in one atomic step, so that readers never see one without the other.
 */
import type { ClientOperations, SubgraphVersion, SupergraphVersion } from '../types.ts';
import type { StoreIdentity } from './store-identity.ts';

/** One atomic write: the new subgraph version and, unless the supergraph is unchanged, its new supergraph. */
export interface PublishRecord {
  subgraph: SubgraphVersion;
  supergraph: SupergraphVersion | null;
}

export interface RegistryStore {
  /** 'file' or 'redis': shown by /health and the banner. */
  readonly kind: string;
  /** The current version of every subgraph, by name (sorted). */
  currentSubgraphs(): Promise<SubgraphVersion[]>;
  /** Every version of one subgraph, oldest first; empty when it was never published. */
  history(subgraph: string): Promise<SubgraphVersion[]>;
  subgraphVersion(subgraph: string, version: number): Promise<SubgraphVersion | null>;
  currentSupergraph(): Promise<SupergraphVersion | null>;
  supergraphVersion(version: number): Promise<SupergraphVersion | null>;
  /**
   * Records a publish. The caller holds the publish lock and numbered the versions as the next ones;
   * a store refuses (throws StoreConflictError) when they are not, so a lost lock never forks history.
   */
  recordPublish(record: PublishRecord): Promise<void>;
  clientOperations(): Promise<ClientOperations[]>;
  /** Registers (or replaces) the operations one client version sends. */
  putClientOperations(operations: ClientOperations): Promise<void>;
  /** Retires a client version; false when it was not registered. */
  deleteClientOperations(client: string, clientVersion: string): Promise<boolean>;
  /** The store's identity (store-identity.ts); null until one is claimed. */
  identity(): Promise<StoreIdentity | null>;
  /** Gives the store this identity unless it has one; resolves to the one it has after (first wins). */
  claimIdentity(identity: StoreIdentity): Promise<StoreIdentity>;
  /** Runs fn while no other registry sharing this store publishes (the file store has one process). */
  withPublishLock<T>(fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** A write that would not follow the current head: someone else published in between. */
export class StoreConflictError extends Error {}

/** The key of one client version in a store. */
export const clientKey = (client: string, clientVersion: string): string => `${client}@${clientVersion}`;
