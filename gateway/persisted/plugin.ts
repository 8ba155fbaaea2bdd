/**
 * Persisted operations per channel (gateway/persisted/): an id of the caller's channel's manifest runs
 * that manifest's body; where the channel allows APQ, other hashes go to Apollo Server's APQ store; a
 * persisted-only channel refuses documents and APQ registrations. Must run first: it decides which
 * document every later concern (limits, authorization, cache) sees.
 *
 * Why the refusal takes a detour: Apollo Server turns an error thrown by any hook before
 * didResolveOperation into a 500, so requestDidStart swaps the refused document for a constant one (the
 * client's document is never parsed; the constant's parse and validation are cached by Apollo's document
 * store) and didResolveOperation throws the coded error, with its HTTP status.
 */
import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { ERROR_CODES, type ErrorCode } from '../../contracts/error-codes.ts';
import type { Channel } from '../../contracts/principal.ts';
import type { GatewayContext } from '../context.ts';
import type { ManifestsByChannel } from './load-manifests.ts';
import type { PersistedMode } from './persisted-config.ts';
import { resolvePersistedRequest, withoutPersistedQuery } from './resolve-request.ts';
import { ApqRegistrationGuard, type ApqLimits } from './apq-registrations.ts';

export interface PersistedOperationsOptions {
  modes: Readonly<Record<Channel, PersistedMode>>;
  manifests: ManifestsByChannel;
  /** Size and per-caller rate of APQ registrations. */
  apq: ApqLimits;
}

const REFUSED_PLACEHOLDER = 'query PersistedOperationRefused { __typename }';

function refusal(code: ErrorCode, message: string, retryAfterSeconds?: number): GraphQLError {
  // A refusal may answer a GET: no CDN or browser may keep it (Apollo does the same for its APQ misses).
  const headers = new HeaderMap([['cache-control', 'private, no-cache, must-revalidate']]);
  if (retryAfterSeconds !== undefined) headers.set('retry-after', String(retryAfterSeconds));
  return new GraphQLError(message, { extensions: { code, http: { status: ERROR_CODES[code].status, headers } } });
}

export function usePersistedOperations(options: PersistedOperationsOptions): ApolloServerPlugin<GatewayContext> {
  const registrations = new ApqRegistrationGuard(options.apq);
  return {
    async requestDidStart({ request, contextValue }) {
      const { principal, clientAddress } = contextValue;
      let resolution = resolvePersistedRequest(request, options.modes[principal.channel], options.manifests[principal.channel]);
      if (resolution.kind === 'pass' && request.extensions?.['persistedQuery'] && typeof request.query === 'string') {
        // An APQ registration: bounded in size and per caller, as it lands in the shared store.
        const refused = registrations.admit(principal.subject ? `${principal.role}:${principal.subject}` : `address:${clientAddress}`, request.query);
        if (refused) resolution = { kind: 'refuse', ...refused };
      }
      if (resolution.kind === 'pass') return;
      // Without the extension, Apollo treats the body as a plain document: no hash check (the manifest
      // guarantees it) and no APQ registration, so another channel cannot reach it through the APQ store.
      request.extensions = withoutPersistedQuery(request.extensions);
      if (resolution.kind === 'manifest') {
        request.query = resolution.query;
        return;
      }
      const error = refusal(resolution.code, resolution.message, resolution.retryAfterSeconds);
      request.query = REFUSED_PLACEHOLDER;
      request.operationName = undefined;
      request.variables = {};
      return {
        // Synchronous throw: this plugin is listed first, so its refusal wins over later plugins' hooks.
        async didResolveOperation() { throw error; },
      };
    },
  };
}
