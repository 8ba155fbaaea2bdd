/**
 * The schema registry's vocabulary, shared by its store, its HTTP API, its checks, its CLI and the
 * gateways that follow it. Versions are integers that only grow; nothing is ever rewritten.
 */
import type { DesignWarning } from '../schema/composition/design-rules.ts';

import type { FieldUsage } from '../contracts/usage/usage-report.ts';

/** One published version of one subgraph's schema. */
export interface SubgraphVersion {
  subgraph: string;
  version: number;
  sdl: string;
  routingUrl: string;
  /** The owner credential's id that published it. */
  publishedBy: string;
  publishedAt: string;
  check: CheckReport;
  diff: DiffSummary;
  /** Set when a failing check was overridden; the reason is recorded for ever. */
  forced?: { reason: string };
  /** Set when this version re-published an earlier one. */
  rollbackOf?: number;
  /** The other teams' approvals this version needed (see CrossTeamChange), recorded for ever. */
  approvals?: Approval[];
}

/** A change to what another team owns: an @override taking its field, or a change to a type it owns. */
export interface CrossTeamChange { owner: string; coordinate: string; reason: 'override' | 'owned-type' }

/** Another team's (or an admin's) consent to one candidate schema, by its SHA-256 (`hash`). */
export interface Approval { subgraph: string; hash: string; team: string; approvedBy: string; approvedAt: string }

/** A composed supergraph, what gateways serve. */
export interface SupergraphVersion {
  version: number;
  sdl: string;
  /** SHA-256 of sdl: what /ready of a gateway shows. */
  hash: string;
  createdAt: string;
  /** The subgraph versions it was composed from. */
  subgraphs: Record<string, number>;
  /** The id of the store that numbered it (store-identity.ts), set when read: gateways never follow another store. */
  storeId?: string;
}

/** A schema change, in graphql-js' terms (findBreakingChanges / findDangerousChanges). */
export interface SchemaChange { type: string; description: string }

export interface DiffSummary { added: string[]; removed: string[]; changed: string[] }

/** A registered client operation the candidate would break, named so its team can find it. */
export interface BrokenOperation { client: string; clientVersion: string; channel: string; operation: string; errors: string[] }

export interface CheckReport {
  /** True when nothing blocks a publish (warnings never block). */
  ok: boolean;
  composition: { errors: string[]; hints: string[] };
  breaking: SchemaChange[];
  dangerous: SchemaChange[];
  brokenOperations: BrokenOperation[];
  warnings: DesignWarning[];
  /** Root fields, types or a subgraph's whole contribution the candidate removes from the served supergraph: these block. */
  guardedRemovals?: SchemaChange[];
  /** Changes to other teams' fields and types: a publish needs each owner's (or an admin's) approval. */
  crossTeam?: CrossTeamChange[];
  /** Against real traffic (checks/usage-check.ts): removed fields clients read within the window block. */
  usage?: { windowDays: number; removedInUse: FieldUsage[]; deprecatedInUse: FieldUsage[] };
}

/** The operations a client version sends: its persisted query manifest. */
export interface ClientOperations {
  client: string;
  clientVersion: string;
  channel: string;
  operations: { id: string; name: string; body: string }[];
}

/** What the checks need: the current subgraphs, the candidate, the operations in use. */
export interface CheckInput {
  current: readonly { name: string; url: string; sdl: string }[];
  candidate: { name: string; url: string; sdl: string };
  currentSupergraphSdl: string | null;
  /** What gateways serve when the store has no supergraph (e.g. emptied): the removal guard compares with it. */
  servedSupergraphSdl?: string | null;
  operations: readonly ClientOperations[];
}

export interface CheckResult { report: CheckReport; supergraphSdl: string | null; diff: DiffSummary }

/** Published on Redis channel SUPERGRAPH_CHANNEL when a new supergraph exists (a contract with the gateways). */
export { SUPERGRAPH_CHANNEL, type SupergraphNotice } from '../contracts/supergraph-notice.ts';

/** Who a registry credential speaks for: an owner publishes its one subgraph, a reader reads, an admin does all. */
export type RegistryRole = 'owner' | 'reader' | 'admin';

/** A publish, check or rollback answer of the registry's HTTP API (201 published, 200 unchanged, 409 refused). */
export interface PublishResponse {
  /** False when the candidate equals the current version: nothing new was recorded. */
  published: boolean;
  /** The new version; when nothing was published, the current one (null for a refused new subgraph). */
  subgraph: SubgraphVersion | null;
  /** The supergraph in service after the publish, without its SDL (GET /supergraph has it). */
  supergraph: Omit<SupergraphVersion, 'sdl'> | null;
  report: CheckReport;
  /** What the candidate changes in the subgraph's schema, against its current version. */
  diff: DiffSummary;
  /** A rollback (or publish) that changes the routing URL gateways call: from the current one to the new one. */
  routingUrlChange?: { from: string; to: string };
}

/** A difference between two versions of one subgraph (GET /diff). */
export interface VersionDiff {
  subgraph: string;
  from: number;
  to: number;
  diff: DiffSummary;
  breaking: SchemaChange[];
  dangerous: SchemaChange[];
}
