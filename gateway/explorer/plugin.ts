/**
 * Apollo Sandbox at `/` in development (it loads from Apollo's CDN in the browser; nothing is fetched
 * by the gateway itself), its telemetry off, and, when the offline explorer is on, a fallback to it
 * (explorer/sandbox-fallback.ts); no landing page at all in production.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { landingPageWithExplorerFallback } from '../explorer/sandbox-fallback.ts';

export function useLandingPage({ production, explorerPath }: { production: boolean; explorerPath?: string | null }): ApolloServerPlugin {
  if (production) return ApolloServerPluginLandingPageDisabled();
  // runTelemetry: false: the embedded Sandbox reports nothing to Apollo.
  const sandbox = ApolloServerPluginLandingPageLocalDefault({ embed: { runTelemetry: false }, includeCookies: false });
  return explorerPath ? landingPageWithExplorerFallback(sandbox, explorerPath) : sandbox;
}
