/**
 * Assembles a running gateway from a validated configuration: supergraph source, subgraph data
 * sources, plugin pipeline, cache and HTTP server. `npm run gateway` and the dev stack both call this.
 */
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { createLogger, type Logger } from '../contracts/lib/logger.ts';
import { createAuthenticator } from './authentication/bearer.ts';
import { createInternalTokenSigner, generateInternalKeyPair, publicKeyOf } from '../contracts/internal-token.ts';
import { createPrincipalResolver } from './authentication/principal-from-request.ts';
import { createGatewayCache } from './cache/create-cache.ts';
import { GATEWAY_DEFAULTS, type GatewayConfig } from './config.ts';
import { newRequestEntities, type GatewayContext } from './context.ts';
import { LoadShedder } from './load-shedding/load-shedder.ts';
import { startAdminServer } from './http/admin-server.ts';
import { startHttpServer } from './http/node-server.ts';
import { gatewayPipeline } from './pipeline.ts';
import { Metrics } from './metrics/metrics.ts';
import { subgraphFetchObserver } from './metrics/subgraph-fetch-metrics.ts';
import { countingTokenFailures } from './metrics/token-failures.ts';
import { METRICS_CONTENT_TYPE } from '../contracts/lib/metrics.ts';
import { cachePurgeRoute } from './admin/cache-purge.ts';
import { errorMasker } from './errors/mask-errors.ts';
import { parseTokenCeiling } from './limits/parse-limits-plugin.ts';
import { graphiqlRoute } from './explorer/graphiql-route.ts';
import { createMediaProxy } from './media/media-proxy.ts';
import { createSubgraphAgent, SubgraphDataSource } from './subgraph/data-source.ts';
import { registrySupergraph } from './supergraph/registry-source.ts';
import { probeServedSchema } from './supergraph/served-schema-probe.ts';
import { staticSupergraphFile, type SupergraphState } from './supergraph/static-file.ts';
import { openUsageStore } from '../contracts/usage/open-usage-store.ts';
import type { UsageStore } from '../contracts/usage/usage-report.ts';
import { borrowedStore, UsageRecorder } from './usage/usage-recorder.ts';

export interface RunningGateway {
  url: string;
  port: number;
  /** The admin listener's base URL (GET /ready with details, GET /metrics, POST /admin/cache/purge). */
  adminUrl: string;
  supergraph(): SupergraphState | null;
  /** PEM of the key subgraphs must use to verify this gateway's internal tokens. */
  internalTokenPublicKey: string;
  stop(): Promise<void>;
}

/** What a caller may hand the gateway instead of it making its own: its logger (default: the process's,
 * component "gateway"), the usage store (the dev stack and tests share one). */
export interface GatewayServices { usageStore?: UsageStore; logger?: Logger }

export async function startGateway(config: GatewayConfig, services: GatewayServices = {}): Promise<RunningGateway> {
  const logger = services.logger ?? createLogger('gateway');
  // @apollo/gateway starts an exporter that reports to Apollo and probes cloud metadata addresses at
  // construction unless this is set: Passerelle never sends traffic off the machine.
  process.env['APOLLO_TELEMETRY_DISABLED'] = 'true';

  const privateKeyPem = config.internalToken.privateKeyPem ?? generateInternalKeyPair().privateKeyPem;
  const internalTokenPublicKey = publicKeyOf(privateKeyPem);
  const sign = createInternalTokenSigner(privateKeyPem, config.internalToken.ttlSeconds);
  const agent = createSubgraphAgent(config.subgraphTimeoutMs);

  const cache = createGatewayCache(config.cache);
  // Connected before the first request (bounded: a gateway starts without Redis rather than not at all).
  await cache.ready();
  const metrics = new Metrics();
  const onFetch = subgraphFetchObserver(metrics.registry);
  // Every data source built (one per subgraph and schema version): their shared-fetch counts add up.
  const dataSources = new Set<SubgraphDataSource>();
  let supergraph: SupergraphState | null = null;
  let lastError: string | null = null;
  const gateway = new ApolloGateway({
    // Its own spans (gateway.request, .plan, .execute, .fetch) when the process traces: never the document
    // nor an error's message (tracing/plugin.ts).
    telemetry: { includeDocument: false, recordExceptions: false },
    // Apollo's own messages (schema loaded, update failed...) are lines of the gateway's log too.
    logger,
    supergraphSdl: config.registry
      ? registrySupergraph({
        ...config.registry,
        redisUrl: config.cache.redisUrl,
        // Asked where the gateway will send the subgraph's traffic (a configured URL overrides the registry's).
        probe: (target) => probeServedSchema({ ...target, url: config.subgraphUrls[target.name] ?? target.url }, sign),
        onLoad: (state) => { supergraph = state; lastError = null; },
        onError: (message) => { lastError = message; logger.error(message); },
      })
      : staticSupergraphFile(config.supergraphFile as string, (state) => { supergraph = state; }),
    buildService: ({ name, url }) => {
      const source = new SubgraphDataSource({
        name, url: config.subgraphUrls[name] ?? (url as string), timeoutMs: config.subgraphTimeoutMs, sign, agent,
        invalidatedSince: (tags, since) => cache.responses.invalidatedSince(tags, since), onFetch,
      });
      dataSources.add(source);
      return source;
    },
  });

  const shedder = new LoadShedder(config.loadShedding);
  metrics.observe('passerelle_requests_shed_total', 'Requests refused at once with 503 OVERLOADED (load shedding), in-flight limit or event-loop delay.',
    () => shedder.shed.inFlight + shedder.shed.eventLoopDelay);
  metrics.gauge('passerelle_requests_in_flight', 'GraphQL requests being served.', () => shedder.state().inFlight);
  metrics.observe('passerelle_subgraph_fetches_shared_total', 'Subgraph fetches a request shared with an identical one in flight instead of sending its own.',
    () => [...dataSources].reduce((sum, source) => sum + source.coalesced, 0));
  // Usage KPIs: aggregated in memory, written off the request path (gateway/usage/).
  const usageHasStore = Boolean(services.usageStore ?? config.usage.databaseUrl ?? config.usage.dataDir);
  const usage = config.usage.enabled && usageHasStore ? new UsageRecorder({
    openStore: async () => services.usageStore ? borrowedStore(services.usageStore) : openUsageStore({ databaseUrl: config.usage.databaseUrl, dataDir: config.usage.dataDir, retention: config.usage.retention }),
    flushIntervalMs: config.usage.flushIntervalMs,
    retentionIntervalMs: config.usage.retentionIntervalMs,
    maxKeys: config.usage.maxKeys,
    onError: (message) => { if (process.env['NODE_ENV'] !== 'test') console.error(`[gateway] ${message}`); },
  }) : null;
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    logger,
    cache: cache.cache,
    // The APQ store (under Apollo's `apq:` prefix); which channels may use it is usePersistedOperations' call.
    persistedQueries: { cache: cache.cache, ttl: config.persistedOperations.apqTtlSeconds },
    plugins: gatewayPipeline(config, { responses: cache.responses, metrics, usage }),
    // Backstop of limits/parse-limits-plugin.ts: the parser itself stops past the largest channel's token limit.
    parseOptions: { maxTokens: parseTokenCeiling(config.limits) },
    formatError: errorMasker({ production: config.production }),
    includeStacktraceInErrorResponses: false,
    introspection: !config.production,
    // Refuses GET and simple-content-type POSTs that carry no preflight-forcing header (CSRF), always.
    csrfPrevention: true,
    // One operation per HTTP request: an array body would multiply work past every per-operation limit.
    allowBatchedHttpRequests: false,
    // The process owns its signals (graceful drain in main.ts); Apollo's own handlers would race it.
    stopOnTerminationSignals: false,
  });
  await apollo.start();

  const principalOf = createPrincipalResolver(countingTokenFailures(createAuthenticator(config.auth), metrics.registry), config);
  let draining = (): boolean => false;
  const admin = await startAdminServer({
    host: config.admin.host,
    port: config.admin.port,
    shutdownGraceMs: config.shutdownGraceMs,
    readiness: () => ({
      ready: supergraph !== null && !draining(), schemaVersion: supergraph?.version ?? null, schemaHash: supergraph?.hash ?? null,
      loadedAt: supergraph?.loadedAt ?? null, source: supergraph?.source ?? null, lastError, cache: cache.kind,
      loadShedding: shedder.state(),
    }),
    routes: {
      'GET /metrics': async (_req, res) => { res.writeHead(200, { 'content-type': METRICS_CONTENT_TYPE }).end(await metrics.render()); },
      ...(config.cache.purgeSecret ? { 'POST /admin/cache/purge': cachePurgeRoute(cache.responses, config.cache.purgeSecret) } : {}),
    },
  });
  // The public port's other routes: the offline explorer (/graphiql) and pictures (/media/*), when on.
  const media = config.media.upstreamUrl
    ? createMediaProxy({ upstreamUrl: config.media.upstreamUrl, timeoutMs: config.media.timeoutMs, maxAgeSeconds: config.media.maxAgeSeconds })
    : null;
  const http = await startHttpServer(apollo, {
    host: config.host,
    port: config.port,
    maxBodyBytes: config.maxBodyBytes,
    shutdownGraceMs: config.shutdownGraceMs,
    cors: config.cors,
    shedder,
    log: logger,
    context: async (req) => {
      const startedAt = Date.now();
      const principal = await principalOf(req.headers);
      const deadline = startedAt + config.deadlines[principal.channel];
      return { principal, entities: newRequestEntities(startedAt), startedAt, deadline, clientAddress: req.socket.remoteAddress ?? 'unknown' };
    },
    ready: () => supergraph !== null,
    routes: [...(config.explorer.graphiql ? [graphiqlRoute()] : []), ...(media ? [media.route] : [])],
  }).catch(async (error: unknown) => { await admin.close(); await media?.close(); throw error; });
  draining = http.closing;

  return {
    url: http.url,
    port: http.port,
    adminUrl: admin.url,
    supergraph: () => supergraph,
    internalTokenPublicKey,
    async stop() {
      // Not ready first, still serving, for as long as load balancers need to notice; then drain.
      http.markNotReady();
      const notReadyMs = config.shutdownNotReadyMs ?? (config.production ? GATEWAY_DEFAULTS.productionNotReadyMs : 0);
      if (notReadyMs > 0) await new Promise((resolve) => setTimeout(resolve, notReadyMs));
      await http.close();
      await admin.close();
      await apollo.stop();
      // After the drain: every answered request is in the last flush.
      await usage?.stop();
      await agent.close();
      await media?.close();
      await cache.close();
      shedder.close();
    },
  };
}
