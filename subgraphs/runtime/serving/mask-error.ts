import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { ERROR_CODES } from '../../../contracts/error-codes.ts';
import { createLogger, type Logger } from '../../../contracts/lib/logger.ts';

let processLog: Logger | undefined;
const log = (): Logger => (processLog ??= createLogger('subgraph'));

/**
 * Errors that carry a catalogued code were written to be shown; anything else (a bug, a library's
 * message that may hold a host name or a legacy fault) becomes a bare INTERNAL_SERVER_ERROR.
 */
export function maskSubgraphError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const code = formatted.extensions?.['code'];
  if (typeof code === 'string' && code in ERROR_CODES && code !== 'INTERNAL_SERVER_ERROR') return formatted;
  const original = unwrapResolverError(error);
  log().error({ err: original, path: formatted.path }, 'unexpected error');
  return {
    message: 'Internal server error',
    ...(formatted.path ? { path: formatted.path } : {}),
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}
