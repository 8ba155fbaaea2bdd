/**
 * How the gateway talks to a subgraph: over a keep-alive connection pool with a timeout, carrying the
 * principal in a signed internal token for that subgraph only, and never forwarding client headers.
 * A subgraph that cannot be reached nulls only its own fields, with SUBGRAPH_UNAVAILABLE (no subgraph
 * name, host or port).
 *
 * Every request accounts for every fetch it uses, its own or shared (coalesce.ts): the fetch's cache hint
 * restricts the request's cache policy (private unless the subgraph said public, cache-hint.ts), and the
 * fetch's start bounds how old the request's data may be. A request that joins a fetch sent before it
 * started uses it only if none of the entities it returned was invalidated since; otherwise it fetches
 * again, so a read that starts after a mutation never sees data from before it.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { performance } from 'node:perf_hooks';
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { Agent, fetch as undiciFetch } from 'undici';
import { ENTITY_EXTENSION, type EntityReport } from '../../contracts/entity-report.ts';
import type { InternalTokenSigner } from '../../contracts/internal-token.ts';
import { INTERNAL_TOKEN_HEADER } from '../../contracts/internal-token.ts';
import { ANONYMOUS_WEB } from '../../contracts/principal.ts';
import type { GatewayContext } from '../context.ts';
import { cacheHintOf, type CacheHint } from './cache-hint.ts';
import { Coalescer } from './coalesce.ts';
import { takeEntityReport } from './entity-report.ts';
import { unavailableErrors } from './unavailable-errors.ts';
import { fetchBudget } from '../deadlines/subgraph-budget.ts';
import { injectTraceContext, traceSubgraphFetch } from '../tracing/subgraph-span.ts';
import { createLogger, type Logger } from '../../contracts/lib/logger.ts';

let processLog: Logger | undefined;
const log = (): Logger => (processLog ??= createLogger('gateway'));

export interface SubgraphDataSourceOptions {
  name: string;
  url: string;
  timeoutMs: number;
  sign: InternalTokenSigner;
  agent: Agent;
  /** Whether one of these entities was invalidated at or after `since` (the response store's answer). */
  invalidatedSince: (tags: readonly string[], since: number) => Promise<boolean>;
  /** Told of every fetch sent (shared ones once): its duration and whether an answer came (metrics). */
  onFetch?: (subgraph: string, seconds: number, outcome: 'ok' | 'error') => void;
}

type ProcessOptions = GraphQLDataSourceProcessOptions<GatewayContext>;
/** A subgraph response as it is shared: without its HTTP object, with the hint read from it. */
interface Fetched { response: GatewayGraphQLResponse; hint: CacheHint }

/** One connection pool for all subgraphs of a gateway: keep-alive, bounded. */
export const createSubgraphAgent = (timeoutMs: number): Agent =>
  new Agent({ keepAliveTimeout: 30_000, keepAliveMaxTimeout: 120_000, connections: 256, connectTimeout: timeoutMs });

/** The timeout of the fetch being sent, set around it (the fetcher is given no context of its own). */
const fetchTimeout = new AsyncLocalStorage<number>();

const returnedTags = (response: GatewayGraphQLResponse): string[] =>
  (response.extensions?.[ENTITY_EXTENSION] as EntityReport | undefined)?.returned ?? [];

export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly subgraphName: string;
  private readonly coalescer = new Coalescer<Fetched>();
  private readonly sign: InternalTokenSigner;
  private readonly invalidatedSince: SubgraphDataSourceOptions['invalidatedSince'];
  private readonly timeoutMs: number;
  private readonly onFetch: SubgraphDataSourceOptions['onFetch'];

  constructor(options: SubgraphDataSourceOptions) {
    // The cache hint is applied below, for every request that uses a fetch, not by Apollo for its sender only.
    super({ url: options.url, honorSubgraphCacheControlHeader: false });
    this.subgraphName = options.name;
    this.sign = options.sign;
    this.invalidatedSince = options.invalidatedSince;
    this.fetcher = ((url: string, init: Parameters<typeof undiciFetch>[1]) =>
      undiciFetch(url, { ...init, dispatcher: options.agent, signal: AbortSignal.timeout(fetchTimeout.getStore() ?? options.timeoutMs) })) as unknown as typeof this.fetcher;
    this.timeoutMs = options.timeoutMs;
    this.onFetch = options.onFetch;
  }

  /** How many fetches were shared with an identical one in flight. */
  get coalesced(): number {
    return this.coalescer.shared;
  }

  override async willSendRequest({ request, context }: ProcessOptions): Promise<void> {
    // Health checks and other gateway-internal requests carry no principal: they act as anonymous.
    const principal = context?.principal ?? ANONYMOUS_WEB;
    // The subgraph is told how long it has left (signed: it may only shorten its own work).
    const budget = fetchBudget(context?.deadline, this.timeoutMs);
    request.http?.headers.set(INTERNAL_TOKEN_HEADER, await this.sign(principal, this.subgraphName, budget?.subgraphBudgetMs ?? 0));
    // The fetch's span (tracing/subgraph-span.ts) is current here: the subgraph continues its trace.
    injectTraceContext(request.http?.headers);
  }

  override async process(options: ProcessOptions): Promise<GatewayGraphQLResponse> {
    try {
      const context = options.context as Partial<GatewayContext> | undefined;
      let { value, startedAt } = await this.fetchShared(options);
      if (context?.startedAt !== undefined && startedAt < context.startedAt && await this.invalidatedSince(returnedTags(value.response), startedAt)) {
        // Joined a fetch from before an invalidation this request may already have seen: fetch afresh.
        startedAt = Date.now();
        value = await this.fetchAlone(options);
      }
      // A subgraph's stale copy, served in place of a failing system, is never cached (and is marked).
      const stale = (value.response.extensions?.[ENTITY_EXTENSION] as EntityReport | undefined)?.stale === true;
      this.account(options, stale ? { maxAge: 0, scope: 'PRIVATE' } : value.hint, startedAt);
      return takeEntityReport(value.response, context?.entities);
    } catch (error) {
      log().warn({ subgraph: this.subgraphName, error: (error as Error).name }, `subgraph ${this.subgraphName} failed: ${(error as Error).message}`);
      const timedOut = (error as Error).name === 'TimeoutError' || (error as Error).name === 'AbortError';
      // Not sent, or cut short because the request's own deadline passed (not the subgraph's timeout).
      const deadline = (options.context as Partial<GatewayContext> | undefined)?.deadline;
      const late = error instanceof DeadlinePassed || (timedOut && deadline !== undefined && Date.now() >= deadline);
      const message = late ? 'The request ran out of time before this field was fetched.' : timedOut ? 'A service behind this field did not answer in time.' : 'A service behind this field is unavailable.';
      // Nothing is known of the failed fetch's data: the request must not be cached (it carries errors anyway).
      this.account(options, { maxAge: 0, scope: 'PRIVATE' }, Date.now());
      return { errors: unavailableErrors(options.request, 'document' in options ? options.document : undefined, message, late ? 'DEADLINE_EXCEEDED' : 'SUBGRAPH_UNAVAILABLE') };
    }
  }

  /** Queries identical in document, variables and principal share one fetch while in flight. */
  private async fetchShared(options: ProcessOptions): Promise<{ value: Fetched; startedAt: number }> {
    const { request, context } = options;
    if (!request.query || /^\s*mutation\b/.test(request.query)) {
      const startedAt = Date.now();
      return { value: await this.fetchAlone(options), startedAt };
    }
    const principal = context?.principal ?? ANONYMOUS_WEB;
    const key = JSON.stringify([principal.role, principal.subject, principal.channel, principal.scopes, principal.client, request.query, request.variables ?? null]);
    return this.coalescer.run(key, () => this.fetchAlone(options));
  }

  private async fetchAlone(options: ProcessOptions): Promise<Fetched> {
    const budget = fetchBudget((options.context as Partial<GatewayContext> | undefined)?.deadline, this.timeoutMs);
    if (!budget) throw new DeadlinePassed();
    const started = performance.now();
    const done = (outcome: 'ok' | 'error') => this.onFetch?.(this.subgraphName, (performance.now() - started) / 1000, outcome);
    const { http, ...response } = await fetchTimeout.run(budget.fetchTimeoutMs, () => traceSubgraphFetch(this.subgraphName, () => super.process(options)))
      .then((answer) => { done('ok'); return answer; }, (error: unknown) => { done('error'); throw error; });
    return { response, hint: cacheHintOf(http?.headers.get('cache-control')) };
  }

  /** This request used a fetch started at `startedAt` with this hint: its policy and data age follow. */
  private account(options: ProcessOptions, hint: CacheHint, startedAt: number): void {
    const entities = (options.context as Partial<GatewayContext> | undefined)?.entities;
    if (entities) entities.dataSince = Math.min(entities.dataSince, startedAt);
    if ('incomingRequestContext' in options) options.incomingRequestContext.overallCachePolicy.restrict(hint);
  }
}

/** The request's deadline passed before this fetch could be sent: it is not sent. */
class DeadlinePassed extends Error {
  override readonly name = 'DeadlinePassed';
}
