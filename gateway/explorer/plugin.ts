/**
 * Apollo Sandbox at `/` in development (it loads from Apollo's CDN in the browser; nothing is fetched
 * by the gateway itself); no landing page at all in production.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';

export function useLandingPage({ production }: { production: boolean }): ApolloServerPlugin {
  return production
    ? ApolloServerPluginLandingPageDisabled()
    : ApolloServerPluginLandingPageLocalDefault({ embed: true, includeCookies: false });
}
