/**
 * The gateway's plugin pipeline, in order. Each concern is one factory in its own file, hooked at the
 * narrowest phase it needs. Later concerns (authorization, limits, persisted operations, response cache,
 * telemetry) are added here, in the order they must run.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayConfig } from './config.ts';
import type { GatewayContext } from './context.ts';
import { useLandingPage } from './plugins/landing-page.ts';

export function gatewayPipeline(config: GatewayConfig): ApolloServerPlugin<GatewayContext>[] {
  return [
    // 1. What a browser sees at `/`: Sandbox in development, nothing in production.
    useLandingPage({ production: config.production }),
  ];
}
