/**
 * The whole path of a request through the gateway, in order, in one place: `REQUEST_PATH` names every
 * stage, the layer it belongs to and the folder that holds it. The Apollo plugins are BUILT from it
 * (gatewayPipeline below, in its order, each tagged with its stage), so the list cannot drift from the
 * wiring; pipeline.test.ts pins the order on the plugin array the server hands Apollo, and the order of
 * the stages outside the plugins by what a real gateway answers when a request trips two of them.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayConfig } from './config.ts';
import type { GatewayContext } from './context.ts';
import { useAuthorization } from './authorization/plugin.ts';
import { useResponseCache } from './cache/plugin.ts';
import { useEntityInvalidation } from './cache/invalidation-plugin.ts';
import type { ResponseStore } from './cache/response-store.ts';
import { useNoFieldSuggestions } from './errors/no-suggestions-plugin.ts';
import { useLandingPage } from './explorer/plugin.ts';
import { useAccessLog } from './logging/access-log-plugin.ts';
import { useOperationLimits } from './limits/operation-limits-plugin.ts';
import { useParseLimits } from './limits/parse-limits-plugin.ts';
import type { Metrics } from './metrics/metrics.ts';
import { useRequestMetrics } from './metrics/request-metrics-plugin.ts';
import { GRAPHIQL_PATH } from './explorer/explorer-config.ts';
import { loadChannelManifests } from './persisted/load-manifests.ts';
import { resolveChannelModes } from './persisted/persisted-config.ts';
import { usePersistedOperations } from './persisted/plugin.ts';
import { useSubscriptionRefusal } from './subscriptions/plugin.ts';
import { useTracing } from './tracing/plugin.ts';
import { tracingEnabled } from '../contracts/lib/tracing.ts';
import type { UsageRecorder } from './usage/usage-recorder.ts';
import { useUsageRecording } from './usage/usage-plugin.ts';

/** Where a stage runs: node:http (http/), Apollo Server itself, the request context, a plugin, a subgraph call, the answer. */
export type Layer = 'http' | 'apollo' | 'identity' | 'plugin' | 'subgraph' | 'response';

export const REQUEST_PATH = [
  { stage: 'cors', layer: 'http', home: 'http/cors.ts', does: 'answers preflights; marks answers readable by allowed browser origins only' },
  { stage: 'load-shedding', layer: 'http', home: 'load-shedding/load-shedder.ts', does: 'over its in-flight or event-loop limit, a new request gets 503 OVERLOADED at once' },
  { stage: 'trace-context', layer: 'http', home: 'tracing/http-span.ts', does: 'tracing on: continues the client\'s W3C traceparent, one server span per request, run in its context' },
  { stage: 'body', layer: 'http', home: 'http/node-server.ts, http/content-type.ts', does: 'body size limit (413), UTF-8 JSON only (415, 400)' },
  { stage: 'access-log', layer: 'plugin', home: 'logging/access-log-plugin.ts (line written by logging/access-log.ts from http/node-server.ts)', does: 'notes the client, channel, operation, document hash and error codes for the one access-log line written when the answer has left' },
  { stage: 'explorer', layer: 'plugin', home: 'explorer/plugin.ts', does: 'a browser GET gets the explorer page (development) here, before anything below' },
  { stage: 'csrf-prevention', layer: 'apollo', home: 'server.ts (csrfPrevention)', does: 'refuses requests a page could send without a preflight (400)' },
  { stage: 'authentication', layer: 'identity', home: 'authentication/bearer.ts', does: 'verifies the bearer token (401)' },
  { stage: 'client-identification', layer: 'identity', home: 'authentication/client-identity.ts', does: 'the calling client, its version and its channel (403)' },
  { stage: 'deadline', layer: 'identity', home: 'deadlines/deadline-config.ts', does: 'the request\'s deadline: its channel\'s time budget, from now' },
  { stage: 'no-batching', layer: 'apollo', home: 'server.ts (allowBatchedHttpRequests)', does: 'one operation per HTTP request (400)' },
  { stage: 'no-suggestions', layer: 'plugin', home: 'errors/no-suggestions-plugin.ts', does: 'production: no "Did you mean" in any error' },
  { stage: 'request-metrics', layer: 'plugin', home: 'metrics/request-metrics-plugin.ts', does: 'counts and times every operation by channel, client and operation (bounded labels), errors by code' },
  { stage: 'persisted-operations', layer: 'plugin', home: 'persisted/plugin.ts', does: 'which document runs (a manifest id) or a refusal, before any other concern reads it' },
  { stage: 'tracing', layer: 'plugin', home: 'tracing/plugin.ts', does: 'tracing on: parse and validate spans; operation name, type, hash and client on the server span (observes only)' },
  { stage: 'parse-limits', layer: 'plugin', home: 'limits/parse-limits-plugin.ts', does: 'tokens and nesting on the text, before Apollo parses it' },
  { stage: 'subscriptions', layer: 'plugin', home: 'subscriptions/plugin.ts', does: 'refuses subscription operations (400)' },
  { stage: 'operation-limits', layer: 'plugin', home: 'limits/operation-limits-plugin.ts', does: 'depth, aliases, root fields, cost... of the caller\'s channel (400)' },
  { stage: 'authorization', layer: 'plugin', home: 'authorization/plugin.ts', does: 'fields the principal may not see are removed (or refused) before planning' },
  { stage: 'response-cache', layer: 'plugin', home: 'cache/plugin.ts', does: 'whole responses, keyed on the operation actually run' },
  { stage: 'invalidation', layer: 'plugin', home: 'cache/invalidation-plugin.ts', does: 'a mutation\'s changed entities are invalidated before its answer leaves' },
  { stage: 'usage', layer: 'plugin', home: 'usage/usage-plugin.ts', does: 'the answered request is added to its minute (client version, operation, fields, errors, latency); written to the usage store off the request path' },
  { stage: 'subgraph-calls', layer: 'subgraph', home: 'subgraph/data-source.ts', does: 'signed internal token carrying the time left, no fetch after the deadline, shared fetches, entity reports' },
  { stage: 'subgraph-spans', layer: 'subgraph', home: 'tracing/subgraph-span.ts', does: 'tracing on: a client span per fetch sent, its traceparent on the fetch' },
  { stage: 'error-masking', layer: 'response', home: 'errors/mask-errors.ts (formatError)', does: 'no stack, host or internal message leaves' },
] as const satisfies readonly { stage: string; layer: Layer; home: string; does: string }[];

export type Stage = (typeof REQUEST_PATH)[number]['stage'];
export type PluginStage = Extract<(typeof REQUEST_PATH)[number], { layer: 'plugin' }>['stage'];

export interface PipelineServices { responses: ResponseStore; metrics: Metrics; usage?: UsageRecorder | null }

type Plugin = ApolloServerPlugin<GatewayContext>;

/** Each plugin stage's factory; null when the configuration turns the stage off. */
const PLUGINS: Record<PluginStage, (config: GatewayConfig, services: PipelineServices) => Plugin | null> = {
  // First: it only reads, and sees every request Apollo handles, the explorer's pages included.
  'access-log': () => useAccessLog(),
  // What a browser sees at `/`: Sandbox in development (offering the offline GraphiQL when it is on), nothing in production.
  explorer: (config) => useLandingPage({ production: config.production, explorerPath: config.explorer.graphiql ? GRAPHIQL_PATH : null }),
  // Production: no "Did you mean ...?" (it would map the schema that introspection hides).
  'no-suggestions': (config) => (config.production ? useNoFieldSuggestions() : null),
  // Observes only (no didResolveOperation hook): it sees every operation, refused ones included.
  'request-metrics': (config, services) => useRequestMetrics({
    registry: services.metrics.registry, registeredClients: config.clients, manifests: loadChannelManifests(config.persistedOperations.manifests),
  }),
  // FIRST among the plugins that hook didResolveOperation: every later one sees the document it chose.
  'persisted-operations': (config) => usePersistedOperations({
    modes: resolveChannelModes(config.persistedOperations, config.production),
    manifests: loadChannelManifests(config.persistedOperations.manifests),
    apq: { maxBytes: config.persistedOperations.apqMaxBytes, registrationsPerMinute: config.persistedOperations.apqRegistrationsPerMinute },
  }),
  // AFTER persisted operations (its operation attributes are those of the document they chose). Only when
  // this process traces (contracts/lib/tracing.ts): otherwise not even a listener per request.
  tracing: () => (tracingEnabled() ? useTracing() : null),
  // AFTER persisted operations (it scans the document they chose), before every hook that reads the document.
  'parse-limits': (config) => useParseLimits(config.limits),
  // Before any analysis: an operation that cannot run costs nothing more.
  subscriptions: () => useSubscriptionRefusal(),
  // BEFORE authorization: an oversized operation is refused before any work is spent on it.
  'operation-limits': (config) => useOperationLimits(config.limits),
  'authorization': (config) => useAuthorization(config.authorization, config.limits),
  // AFTER authorization, so that its keys are those of the operation actually run.
  'response-cache': (config, services) => (config.cache.responses
    ? useResponseCache({ store: services.responses, staleIfErrorSeconds: config.cache.staleIfErrorSeconds, metrics: services.metrics })
    : null),
  // Always on: coalesced subgraph fetches check the same marks, with or without the response cache.
  invalidation: (_config, services) => useEntityInvalidation({ store: services.responses, metrics: services.metrics }),
  // LAST: it records the answer every stage above shaped (null when usage recording is off).
  usage: (_config, services) => (services.usage ? useUsageRecording(services.usage) : null),
};

const STAGE_OF = new WeakMap<object, PluginStage>();

/** The stage a plugin of the pipeline was built for (undefined: not built by gatewayPipeline). */
export function stageOf(plugin: object): PluginStage | undefined {
  return STAGE_OF.get(plugin);
}

const isPluginStage = (entry: (typeof REQUEST_PATH)[number]): entry is Extract<(typeof REQUEST_PATH)[number], { layer: 'plugin' }> => entry.layer === 'plugin';

/** The Apollo plugins, in REQUEST_PATH's order, each tagged with its stage. */
export function gatewayPipeline(config: GatewayConfig, services: PipelineServices): Plugin[] {
  return REQUEST_PATH.filter(isPluginStage).flatMap(({ stage }) => {
    const plugin = PLUGINS[stage](config, services);
    if (!plugin) return [];
    STAGE_OF.set(plugin, stage);
    return [plugin];
  });
}
