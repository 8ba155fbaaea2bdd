/**
 * The registry's behaviour, independent of HTTP: check a candidate, publish it (checked, recorded with
 * who, when, where and why, composed into a new supergraph, announced), roll back by re-publishing an
 * earlier version. Publishes run one at a time (SerialQueue here, plus the store's lock across
 * registries), and each composes against the state it reads under that lock, never a stale one.
 */
import { createHash } from 'node:crypto';
import { CheckRunner, type CheckRunnerOptions } from '../checks/check-runner.ts';
import { withUsageCheck, type UsageCheckOptions } from '../checks/usage-check.ts';
import type { Credential } from '../credentials/credentials-file.ts';
import { SUBGRAPH_NAME } from '../store/file-store.ts';
import { StoreConflictError, type RegistryStore } from '../store/registry-store.ts';
import type { Approval, CheckInput, CheckResult, PublishResponse, RegistryRole, SubgraphVersion, SupergraphVersion } from '../types.ts';
import { approvalsFor } from './approval-gate.ts';
import { DeploymentTracker } from './deployments.ts';
import { ApprovalBook, CANDIDATE_HASH } from './approvals.ts';
import { RegistryError } from './registry-error.ts';
import { SerialQueue } from './serial-queue.ts';
import type { SupergraphNotifier } from './supergraph-notifier.ts';

export interface RegistryServiceOptions {
  store: RegistryStore;
  notifier?: SupergraphNotifier | null;
  /** Called with every new supergraph once recorded (the docs are regenerated there). */
  onSupergraph?: (supergraph: SupergraphVersion) => void;
  /** Runs the checks; default: a CheckRunner (one worker thread, a time budget, size limits). */
  checks?: (input: CheckInput, options: { urgent: boolean }) => Promise<CheckResult>;
  checkRunner?: CheckRunnerOptions;
  /** The supergraph gateways serve when the store has none (e.g. a gateway's last-good file): the removal guard compares with it. */
  servedSupergraph?: () => Promise<string | null>;
  /** The usage store the checks compare removals with (checks/usage-check.ts); absent: no usage check. */
  usage?: UsageCheckOptions;
}

export interface Candidate { sdl: string; routingUrl?: string | undefined }
export interface PublishRequest extends Candidate {
  actor: string; actorRole?: RegistryRole | undefined; force?: { reason: string } | undefined; rollbackOf?: number;
}

export const hashSdl = (sdl: string): string => createHash('sha256').update(sdl).digest('hex');
export const withoutSdl = ({ sdl: _sdl, ...rest }: SupergraphVersion): Omit<SupergraphVersion, 'sdl'> => rest;

function validName(name: string): string {
  if (!SUBGRAPH_NAME.test(name)) throw new RegistryError('BAD_REQUEST', `"${name}" is not a subgraph name (lower case letters, digits, - and _).`);
  return name;
}

function validUrl(url: string): string {
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) throw new RegistryError('BAD_REQUEST', 'routingUrl must be an http(s) URL.');
  return url;
}

export class RegistryService {
  private readonly queue = new SerialQueue();
  private readonly checks: (input: CheckInput, options: { urgent: boolean }) => Promise<CheckResult>;
  private readonly runner: CheckRunner | null;
  readonly approvals = new ApprovalBook();
  /** Which supergraph version gateways serve, as their polls tell it. */
  readonly deployments = new DeploymentTracker();

  constructor(private readonly options: RegistryServiceOptions) {
    this.runner = options.checks ? null : new CheckRunner(options.checkRunner);
    this.checks = options.checks ?? ((input, { urgent }) => this.runner!.run(input, { urgent }));
  }

  /** Stops the check worker. */
  async close(): Promise<void> { await this.runner?.close(); }

  get store(): RegistryStore { return this.options.store; }

  /** Runs the checks of a candidate against the current state, recording nothing (`urgent`: for a publish). */
  async check(name: string, candidate: Candidate, urgent = false): Promise<CheckResult & { routingUrl: string; hash: string; current: SubgraphVersion | null; versions: Record<string, number> }> {
    validName(name);
    if (typeof candidate.sdl !== 'string' || candidate.sdl.trim() === '') throw new RegistryError('BAD_REQUEST', 'sdl is required.');
    const [subgraphs, supergraph, operations] = await Promise.all([
      this.store.currentSubgraphs(), this.store.currentSupergraph(), this.store.clientOperations(),
    ]);
    const current = subgraphs.find((s) => s.subgraph === name) ?? null;
    const routingUrl = candidate.routingUrl !== undefined ? validUrl(candidate.routingUrl) : current?.routingUrl;
    if (!routingUrl) throw new RegistryError('BAD_REQUEST', `${name} is a new subgraph: its routingUrl is required.`);
    const checked = await this.checks({
      current: subgraphs.map((s) => ({ name: s.subgraph, url: s.routingUrl, sdl: s.sdl })),
      candidate: { name, url: routingUrl, sdl: candidate.sdl },
      currentSupergraphSdl: supergraph?.sdl ?? null,
      servedSupergraphSdl: supergraph ? null : (await this.options.servedSupergraph?.()) ?? null,
      operations,
    }, { urgent });
    const result = this.options.usage ? await withUsageCheck(checked, supergraph?.sdl ?? null, this.options.usage) : checked;
    return { ...result, routingUrl, hash: hashSdl(candidate.sdl), current, versions: Object.fromEntries(subgraphs.map((s) => [s.subgraph, s.version])) };
  }

  /** Checks and records a new version; `refused` when a check fails and the publish is not forced. */
  publish(name: string, request: PublishRequest): Promise<{ outcome: 'published' | 'unchanged' | 'refused'; response: PublishResponse; reason?: string }> {
    if (request.force !== undefined && (typeof request.force?.reason !== 'string' || request.force.reason.trim() === '')) {
      return Promise.reject(new RegistryError('BAD_REQUEST', 'force needs a reason: it is recorded with the version.'));
    }
    return this.queue.run(() => this.store.withPublishLock(() => this.publishLocked(name, request)));
  }

  private async publishLocked(name: string, request: PublishRequest) {
    const checked = await this.check(name, request, true);
    const { report, current } = checked;
    const supergraph = await this.store.currentSupergraph();
    const summary = supergraph ? withoutSdl(supergraph) : null;
    if (current && current.sdl === request.sdl && current.routingUrl === checked.routingUrl) {
      return { outcome: 'unchanged' as const, response: { published: false, subgraph: current, supergraph: summary, report, diff: checked.diff } };
    }
    const refusal = !report.ok && !request.force ? 'A check failed: fix the schema, or force the publish with a reason.'
      : !checked.supergraphSdl ? 'The schema does not compose: composition errors cannot be forced.' : null;
    const urlChange = current && current.routingUrl !== checked.routingUrl ? { routingUrlChange: { from: current.routingUrl, to: checked.routingUrl } } : {};
    if (refusal) {
      return { outcome: 'refused' as const, reason: refusal, response: { published: false, subgraph: current, supergraph: summary, report, diff: checked.diff, ...urlChange } };
    }
    const approvals: Approval[] = approvalsFor(report, { subgraph: name, hash: checked.hash, actor: request.actor, actorRole: request.actorRole }, this.approvals,
      { published: false, subgraph: current, supergraph: summary, report, diff: checked.diff });
    const now = new Date().toISOString();
    const version: SubgraphVersion = {
      subgraph: name, version: (current?.version ?? 0) + 1, sdl: request.sdl, routingUrl: checked.routingUrl,
      publishedBy: request.actor, publishedAt: now, check: report, diff: checked.diff,
      ...(request.force && !report.ok ? { forced: { reason: request.force.reason.trim() } } : {}),
      ...(request.rollbackOf !== undefined ? { rollbackOf: request.rollbackOf } : {}),
      ...(approvals.length > 0 ? { approvals } : {}),
    };
    const sdl = checked.supergraphSdl as string;
    const composed: SupergraphVersion | null = sdl === supergraph?.sdl ? null : {
      version: (supergraph?.version ?? 0) + 1, sdl, hash: hashSdl(sdl), createdAt: now,
      subgraphs: { ...checked.versions, [name]: version.version },
    };
    try {
      await this.store.recordPublish({ subgraph: version, supergraph: composed });
    } catch (error) {
      if (error instanceof StoreConflictError) throw new RegistryError('CONFLICT', `${error.message} Publish again.`);
      throw error;
    }
    this.approvals.consume(name, checked.hash);
    if (composed) {
      await this.options.notifier?.notify({ version: composed.version, hash: composed.hash });
      this.options.onSupergraph?.(composed);
    }
    const inService = composed ?? supergraph;
    return { outcome: 'published' as const, response: { published: true, subgraph: version, supergraph: inService ? withoutSdl(inService) : null, report, diff: checked.diff, ...urlChange } };
  }

  /** Re-publishes an earlier version as a new one, through the same checks. */
  async rollback(name: string, toVersion: number, actor: string, force?: { reason: string }, actorRole?: RegistryRole) {
    validName(name);
    const target = Number.isInteger(toVersion) ? await this.store.subgraphVersion(name, toVersion) : null;
    if (!target) throw new RegistryError('NOT_FOUND', `${name} has no version ${String(toVersion)}.`);
    return this.publish(name, { sdl: target.sdl, routingUrl: target.routingUrl, actor, actorRole, force, rollbackOf: target.version });
  }

  /** Records another team's (or an admin's) approval of one candidate of `name`, by its SHA-256. */
  approve(name: string, hash: string, approver: Credential): Approval {
    validName(name);
    if (!CANDIDATE_HASH.test(hash)) throw new RegistryError('BAD_REQUEST', 'hash must be the candidate schema\'s SHA-256 (64 hex digits), as check prints it.');
    const team = approver.role === 'admin' ? 'admin' : approver.role === 'owner' ? approver.subgraph : undefined;
    if (!team) throw new RegistryError('FORBIDDEN', `Credential ${approver.id} may not approve: only a subgraph's owner or an admin may.`);
    if (team === name) throw new RegistryError('BAD_REQUEST', `${approver.id} owns ${name}: approvals come from the other teams whose fields and types ${name} changes.`);
    const approval: Approval = { subgraph: name, hash, team, approvedBy: approver.id, approvedAt: new Date().toISOString() };
    this.approvals.record(approval);
    return approval;
  }
}
