/**
 * The registry's behaviour, independent of HTTP: check a candidate, publish it (checked, recorded with
 * who, when, where and why, composed into a new supergraph, announced), roll back by re-publishing an
 * earlier version. Publishes run one at a time (SerialQueue here, plus the store's lock across
 * registries), and each composes against the state it reads under that lock, never a stale one.
 */
import { createHash } from 'node:crypto';
import { runChecks } from '../checks/run-checks.ts';
import { SUBGRAPH_NAME } from '../store/file-store.ts';
import { StoreConflictError, type RegistryStore } from '../store/registry-store.ts';
import type { CheckInput, CheckResult, PublishResponse, SubgraphVersion, SupergraphVersion } from '../types.ts';
import { RegistryError } from './registry-error.ts';
import { SerialQueue } from './serial-queue.ts';
import type { SupergraphNotifier } from './supergraph-notifier.ts';

export interface RegistryServiceOptions {
  store: RegistryStore;
  notifier?: SupergraphNotifier | null;
  /** Called with every new supergraph once recorded (the docs are regenerated there). */
  onSupergraph?: (supergraph: SupergraphVersion) => void;
  checks?: (input: CheckInput) => CheckResult;
}

export interface Candidate { sdl: string; routingUrl?: string | undefined }
export interface PublishRequest extends Candidate { actor: string; force?: { reason: string } | undefined; rollbackOf?: number }

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
  private readonly checks: (input: CheckInput) => CheckResult;

  constructor(private readonly options: RegistryServiceOptions) {
    this.checks = options.checks ?? ((input) => runChecks(input));
  }

  get store(): RegistryStore { return this.options.store; }

  /** Runs the checks of a candidate against the current state, recording nothing. */
  async check(name: string, candidate: Candidate): Promise<CheckResult & { routingUrl: string; current: SubgraphVersion | null; versions: Record<string, number> }> {
    validName(name);
    if (typeof candidate.sdl !== 'string' || candidate.sdl.trim() === '') throw new RegistryError('BAD_REQUEST', 'sdl is required.');
    const [subgraphs, supergraph, operations] = await Promise.all([
      this.store.currentSubgraphs(), this.store.currentSupergraph(), this.store.clientOperations(),
    ]);
    const current = subgraphs.find((s) => s.subgraph === name) ?? null;
    const routingUrl = candidate.routingUrl !== undefined ? validUrl(candidate.routingUrl) : current?.routingUrl;
    if (!routingUrl) throw new RegistryError('BAD_REQUEST', `${name} is a new subgraph: its routingUrl is required.`);
    const result = this.checks({
      current: subgraphs.map((s) => ({ name: s.subgraph, url: s.routingUrl, sdl: s.sdl })),
      candidate: { name, url: routingUrl, sdl: candidate.sdl },
      currentSupergraphSdl: supergraph?.sdl ?? null,
      operations,
    });
    return { ...result, routingUrl, current, versions: Object.fromEntries(subgraphs.map((s) => [s.subgraph, s.version])) };
  }

  /** Checks and records a new version; `refused` when a check fails and the publish is not forced. */
  publish(name: string, request: PublishRequest): Promise<{ outcome: 'published' | 'unchanged' | 'refused'; response: PublishResponse; reason?: string }> {
    if (request.force !== undefined && (typeof request.force?.reason !== 'string' || request.force.reason.trim() === '')) {
      return Promise.reject(new RegistryError('BAD_REQUEST', 'force needs a reason: it is recorded with the version.'));
    }
    return this.queue.run(() => this.store.withPublishLock(() => this.publishLocked(name, request)));
  }

  private async publishLocked(name: string, request: PublishRequest) {
    const checked = await this.check(name, request);
    const { report, current } = checked;
    const supergraph = await this.store.currentSupergraph();
    const summary = supergraph ? withoutSdl(supergraph) : null;
    if (current && current.sdl === request.sdl && current.routingUrl === checked.routingUrl) {
      return { outcome: 'unchanged' as const, response: { published: false, subgraph: current, supergraph: summary, report, diff: checked.diff } };
    }
    const refusal = !report.ok && !request.force ? 'A check failed: fix the schema, or force the publish with a reason.'
      : !checked.supergraphSdl ? 'The schema does not compose: composition errors cannot be forced.' : null;
    if (refusal) {
      return { outcome: 'refused' as const, reason: refusal, response: { published: false, subgraph: current, supergraph: summary, report, diff: checked.diff } };
    }
    const now = new Date().toISOString();
    const version: SubgraphVersion = {
      subgraph: name, version: (current?.version ?? 0) + 1, sdl: request.sdl, routingUrl: checked.routingUrl,
      publishedBy: request.actor, publishedAt: now, check: report, diff: checked.diff,
      ...(request.force && !report.ok ? { forced: { reason: request.force.reason.trim() } } : {}),
      ...(request.rollbackOf !== undefined ? { rollbackOf: request.rollbackOf } : {}),
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
    if (composed) {
      await this.options.notifier?.notify({ version: composed.version, hash: composed.hash });
      this.options.onSupergraph?.(composed);
    }
    const inService = composed ?? supergraph;
    return { outcome: 'published' as const, response: { published: true, subgraph: version, supergraph: inService ? withoutSdl(inService) : null, report, diff: checked.diff } };
  }

  /** Re-publishes an earlier version as a new one, through the same checks. */
  async rollback(name: string, toVersion: number, actor: string, force?: { reason: string }) {
    validName(name);
    const target = Number.isInteger(toVersion) ? await this.store.subgraphVersion(name, toVersion) : null;
    if (!target) throw new RegistryError('NOT_FOUND', `${name} has no version ${String(toVersion)}.`);
    return this.publish(name, { sdl: target.sdl, routingUrl: target.routingUrl, actor, force, rollbackOf: target.version });
  }
}
