/**
 * Serves one subgraph over HTTP (http-server.ts: GraphQL, /health, /ready, drain). Every GraphQL request,
 * `_service` and `_entities` included, must carry the gateway's internal token for this subgraph: the
 * principal comes from there and nowhere else.
 */
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { createInternalTokenReader, INTERNAL_TOKEN_HEADER } from '../../../contracts/internal-token.ts';
import { requestError } from '../../../contracts/error-codes.ts';
import { setRequestBudget } from '../transport/resilience/request-deadline.ts';
import { legacyPolicySnapshots } from '../transport/resilience/policy-registry.ts';
import { createSubgraphMetrics } from '../metrics/subgraph-metrics.ts';
import { buildExecutableSubgraph, reportEntities } from './build-schema.ts';
import { serveSubgraphHttp } from './http-server.ts';
import type { BaseContext, SubgraphDefinition } from './definition.ts';
import { EntityTracker } from '../caching/entity-tracker.ts';
import { maskSubgraphError } from './mask-error.ts';
import { tracingEnabled } from '../../../contracts/lib/tracing.ts';
import { traceLegacyCalls } from '../tracing/legacy-call-spans.ts';
import { installLegacyCallLog } from '../transport/legacy-call-log.ts';
import { createLogger } from '../../../contracts/lib/logger.ts';

export interface SubgraphServerOptions {
  port?: number;
  host?: string;
  /** On stop, how long `/ready` answers 503 while requests are still served (http-server.ts); default 0. */
  notReadyMs?: number;
  /** PEM of the gateway's internal-token public key. */
  internalTokenPublicKey: string;
}

export interface RunningSubgraph {
  name: string;
  url: string;
  /** GraphQL requests processed (after the internal token was accepted), to show what an operation cost. */
  requests(): number;
  stop(): Promise<void>;
}

export async function startSubgraph<TContext extends BaseContext>(
  definition: SubgraphDefinition<TContext>,
  options: SubgraphServerOptions,
): Promise<RunningSubgraph> {
  const readToken = createInternalTokenReader(options.internalTokenPublicKey, definition.name);
  let served = 0;
  const metrics = createSubgraphMetrics(definition.name);
  const server = new ApolloServer<TContext>({
    schema: buildExecutableSubgraph(definition),
    // Apollo's own messages are lines of the subgraph's log.
    logger: createLogger(`subgraph.${definition.name}`),
    includeStacktraceInErrorResponses: false,
    formatError: maskSubgraphError,
    // Only the gateway calls a subgraph, with a JSON POST: no browser ever reaches it.
    csrfPrevention: true,
    // Whoever starts the subgraph stops it (dev stack, npm run subgraph): no handlers of Apollo's own.
    stopOnTerminationSignals: false,
    // Federated tracing reports to Apollo's cloud through the gateway: nothing leaves this machine.
    plugins: [ApolloServerPluginInlineTraceDisabled(), reportEntities as ApolloServerPlugin<TContext>, { requestDidStart: async () => { served += 1; metrics.served(); } }],
  });
  await server.start();
  // A span per legacy call when this process traces (no channel subscriber otherwise: no cost).
  if (tracingEnabled()) traceLegacyCalls();
  // One log line per legacy call, from now until this subgraph stops.
  const releaseLegacyCallLog = installLegacyCallLog();
  const http = await serveSubgraphHttp(server, {
    name: definition.name,
    port: options.port ?? 0, host: options.host ?? '127.0.0.1', notReadyMs: options.notReadyMs ?? 0,
    metrics: () => metrics.render(),
    readinessDetail: () => {
      const systems = legacyPolicySnapshots();
      return { status: systems.some((s) => s.breaker !== 'closed') ? 'degraded' : 'ok', systems };
    },
    context: async (req) => {
      const header = req.headers[INTERNAL_TOKEN_HEADER];
      if (typeof header !== 'string' || header === '') {
        throw requestError('UNAUTHENTICATED', 'This subgraph only answers the Passerelle gateway.');
      }
      try {
        const { principal, budgetMs } = await readToken(header);
        setRequestBudget(budgetMs);
        return Object.assign(definition.createContext(principal), { entities: new EntityTracker() });
      } catch {
        throw requestError('UNAUTHENTICATED', 'Invalid internal token.');
      }
    },
  });
  return {
    name: definition.name,
    url: http.url,
    requests: () => served,
    async stop() {
      await http.close();
      await server.stop();
      await definition.close?.();
      releaseLegacyCallLog();
    },
  };
}
