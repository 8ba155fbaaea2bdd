/**
 * maxTokens and maxNesting of the caller's channel, checked on the document's text before Apollo parses
 * it (gateway/limits/source-scan.ts): a document 5,000 levels deep never reaches graphql-js's recursive
 * parser (where it would exhaust the stack and come back as GRAPHQL_PARSE_FAILED "Maximum call stack size
 * exceeded"), and an oversized one costs its first maxTokens tokens. Refused with HTTP 400
 * OPERATION_LIMIT_EXCEEDED naming the limit.
 *
 * Why requestDidStart and the placeholder: Apollo Server 5 turns an error thrown by didResolveSource or
 * parsingDidStart into a 500, and parses the local copy of the query it read before those hooks. So, like
 * usePersistedOperations (listed before this plugin, whose choice of document it sees), the refused
 * document is swapped for a constant one before Apollo reads it, and didResolveOperation throws the coded
 * error. A request carrying only an APQ hash has no text yet: the APQ store only holds documents that
 * passed these limits when they were registered, and the limits plugin checks its text again per channel.
 * Apollo's own `parseOptions.maxTokens` (server.ts, `parseTokenCeiling`) backs this up for every channel.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { withoutPersistedQuery } from '../persisted/resolve-request.ts';
import { requestError } from '../../contracts/error-codes.ts';
import type { GatewayContext } from '../context.ts';
import { violationMessage } from './check-limits.ts';
import type { LimitsByChannel } from './limits-config.ts';
import { scanSource } from './source-scan.ts';

const REFUSED_PLACEHOLDER = 'query OperationLimitExceeded { __typename }';

/** The most tokens any channel accepts: Apollo's parser stops past it, whatever the channel. */
export function parseTokenCeiling(limits: LimitsByChannel): number {
  return Math.max(...Object.values(limits).map((l) => l.maxTokens));
}

export function useParseLimits(limits: LimitsByChannel): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ request, contextValue }) {
      if (typeof request.query !== 'string') return;
      const channel = contextValue.principal.channel;
      const violation = scanSource(request.query, limits[channel]);
      if (!violation) return;
      const error = requestError('OPERATION_LIMIT_EXCEEDED', violationMessage({ ...violation, found: null }, channel));
      request.query = REFUSED_PLACEHOLDER;
      request.operationName = undefined;
      request.variables = {};
      // Without the extension: no hash check against the refused text, and nothing registered in the APQ store.
      request.extensions = withoutPersistedQuery(request.extensions);
      return {
        async didResolveOperation() { throw error; },
      };
    },
  };
}
