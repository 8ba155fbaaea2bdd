/**
 * The gateway's plugin pipeline, in order. Each concern is one factory in its own file, hooked at the
 * narrowest phase it needs. Later concerns (authorization, limits, persisted operations, response cache,
 * telemetry) are added here, in the order they must run.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayConfig } from './config.ts';
import type { GatewayContext } from './context.ts';
import { useAuthorization } from './plugins/authorization.ts';
import { useLandingPage } from './plugins/landing-page.ts';
import { useNoFieldSuggestions } from './plugins/no-suggestions.ts';
import { useOperationLimits } from './plugins/operation-limits.ts';

export function gatewayPipeline(config: GatewayConfig): ApolloServerPlugin<GatewayContext>[] {
  return [
    // 1. What a browser sees at `/`: Sandbox in development, nothing in production.
    useLandingPage({ production: config.production }),
    // Production: no "Did you mean ...?" in any error (it would map the schema introspection hides).
    ...(config.production ? [useNoFieldSuggestions()] : []),
    // Operation limits of the caller's channel: must stay BEFORE authorization, so that an oversized
    // operation is refused before any work is spent on it.
    useOperationLimits(config.limits),
    // Authorization: fields the principal may not see are removed before planning (never fetched).
    useAuthorization(config.authorization),
  ];
}
