/**
 * How the gateway talks to a subgraph: over a keep-alive connection pool with a timeout, carrying the
 * principal in a signed internal token for that subgraph only, and never forwarding client headers.
 * A subgraph that cannot be reached nulls only its own fields, with SUBGRAPH_UNAVAILABLE (no host, no port).
 */
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { Agent, fetch as undiciFetch } from 'undici';
import type { InternalTokenSigner } from '../auth/internal-token.ts';
import { INTERNAL_TOKEN_HEADER } from '../auth/internal-token.ts';
import { ANONYMOUS_WEB } from '../auth/principal.ts';
import type { GatewayContext } from '../context.ts';
import { Coalescer } from './coalesce.ts';
import { takeEntityReport } from './entity-report.ts';
import { unavailableErrors } from './unavailable-errors.ts';

export interface SubgraphDataSourceOptions {
  name: string;
  url: string;
  timeoutMs: number;
  sign: InternalTokenSigner;
  agent: Agent;
}

/** One connection pool for all subgraphs of a gateway: keep-alive, bounded. */
export const createSubgraphAgent = (timeoutMs: number): Agent =>
  new Agent({ keepAliveTimeout: 30_000, keepAliveMaxTimeout: 120_000, connections: 256, connectTimeout: timeoutMs });

export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly subgraphName: string;
  private readonly coalescer = new Coalescer<GatewayGraphQLResponse>();
  private readonly sign: InternalTokenSigner;

  constructor(options: SubgraphDataSourceOptions) {
    super({ url: options.url });
    this.subgraphName = options.name;
    this.sign = options.sign;
    this.fetcher = ((url: string, init: Parameters<typeof undiciFetch>[1]) =>
      undiciFetch(url, { ...init, dispatcher: options.agent, signal: AbortSignal.timeout(options.timeoutMs) })) as unknown as typeof this.fetcher;
  }

  /** Queries identical in document, variables and principal share one fetch while in flight. */
  private async fetchOnce(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const { request, context } = options;
    if (!request.query || /^\s*mutation\b/.test(request.query)) return super.process(options);
    const principal = context?.principal ?? ANONYMOUS_WEB;
    const key = JSON.stringify([principal.role, principal.subject, principal.channel, principal.scopes, principal.client, request.query, request.variables ?? null]);
    return this.coalescer.run(key, () => super.process(options));
  }

  /** How many fetches were shared with an identical one in flight. */
  get coalesced(): number {
    return this.coalescer.shared;
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    // Health checks and other gateway-internal requests carry no principal: they act as anonymous.
    const principal = context?.principal ?? ANONYMOUS_WEB;
    request.http?.headers.set(INTERNAL_TOKEN_HEADER, await this.sign(principal, this.subgraphName));
  }

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    try {
      const response = await this.fetchOnce(options);
      return takeEntityReport(response, options.context?.entities);
    } catch (error) {
      if (process.env['NODE_ENV'] !== 'test') console.error(`[gateway] subgraph "${this.subgraphName}" failed:`, (error as Error).message);
      const timedOut = (error as Error).name === 'TimeoutError' || (error as Error).name === 'AbortError';
      const message = timedOut ? `The "${this.subgraphName}" service did not answer in time.` : `The "${this.subgraphName}" service is unavailable.`;
      return { errors: unavailableErrors(options.request, 'document' in options ? options.document : undefined, message) };
    }
  }
}
