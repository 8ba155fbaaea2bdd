/**
 * The gateway's plugin pipeline, in order: landing page, suggestion masking (production), persisted
 * operations, parse limits, operation limits, authorization, response cache, entity invalidation. Each concern is one
 * factory in its own file, hooked at the narrowest phase it needs; the order below is the order they
 * must run in.
 * (Authentication and client identification run before all of them, in the HTTP layer's context.)
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayConfig } from './config.ts';
import type { GatewayContext } from './context.ts';
import { useAuthorization } from './plugins/authorization.ts';
import { useResponseCache } from './plugins/response-cache.ts';
import { useEntityInvalidation } from './plugins/entity-invalidation.ts';
import type { ResponseStore } from './cache/response-store.ts';
import type { Metrics } from './metrics.ts';
import { useLandingPage } from './plugins/landing-page.ts';
import { GRAPHIQL_PATH } from './explorer/explorer-config.ts';
import { useNoFieldSuggestions } from './plugins/no-suggestions.ts';
import { useOperationLimits } from './plugins/operation-limits.ts';
import { useParseLimits } from './plugins/parse-limits.ts';
import { usePersistedOperations } from './plugins/persisted-operations.ts';
import { loadChannelManifests } from './persisted/load-manifests.ts';
import { resolveChannelModes } from './persisted/persisted-config.ts';

export interface PipelineServices { responses: ResponseStore; metrics: Metrics }

export function gatewayPipeline(config: GatewayConfig, services: PipelineServices): ApolloServerPlugin<GatewayContext>[] {
  return [
    // 1. What a browser sees at `/`: Sandbox in development (offering the offline explorer when it is on), nothing in production.
    useLandingPage({ production: config.production, explorerPath: config.explorer.graphiql ? GRAPHIQL_PATH : null }),
    // Production: no "Did you mean ...?" in any error (it would map the schema introspection hides).
    ...(config.production ? [useNoFieldSuggestions()] : []),
    // Persisted operations: which document runs (a manifest id's body) or a refusal, before any other
    // concern looks at the document. Must stay FIRST among the plugins that hook didResolveOperation.
    usePersistedOperations({
      modes: resolveChannelModes(config.persistedOperations, config.production),
      manifests: loadChannelManifests(config.persistedOperations.manifests),
      apq: { maxBytes: config.persistedOperations.apqMaxBytes, registrationsPerMinute: config.persistedOperations.apqRegistrationsPerMinute },
    }),
    // Tokens and nesting of the caller's channel, on the text, before Apollo parses it: AFTER persisted
    // operations (it scans the document they chose), before every other hook that reads the document.
    useParseLimits(config.limits),
    // Operation limits of the caller's channel: must stay BEFORE authorization, so that an oversized
    // operation is refused before any work is spent on it.
    useOperationLimits(config.limits),
    // Authorization: fields the principal may not see are removed before planning (never fetched).
    useAuthorization(config.authorization, config.limits),
    // Response cache: AFTER authorization, so that its keys are those of the operation actually run.
    ...(config.cache.responses ? [useResponseCache({ store: services.responses, staleIfErrorSeconds: config.cache.staleIfErrorSeconds, metrics: services.metrics })] : []),
    // Invalidation: a mutation's changed entities are invalidated before its answer leaves (always on:
    // coalesced subgraph fetches check the same marks, with or without the response cache).
    useEntityInvalidation({ store: services.responses, metrics: services.metrics }),
  ];
}
