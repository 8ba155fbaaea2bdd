/**
 * The last word on what an error may say. Errors with a catalogued code pass (subgraphs already wrote
 * them to be shown); anything else, including the gateway's own "fetching subquery" errors and their
 * response bodies, becomes INTERNAL_SERVER_ERROR. Only safe extensions are kept.
 */
import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { ERROR_CODES } from '../../schema/error-codes.ts';

/** Apollo Server's own request-level codes, safe by construction. */
const APOLLO_CODES = new Set(['PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED', 'OPERATION_RESOLUTION_FAILURE']);
const SAFE_EXTENSIONS = ['code', 'serviceName', 'system', 'argument'] as const;

export function maskGatewayError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const code = formatted.extensions?.['code'];
  const known = typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR' && (code in ERROR_CODES || APOLLO_CODES.has(code));
  if (!known) {
    if (process.env['NODE_ENV'] !== 'test') console.error('[gateway] masked error:', unwrapResolverError(error));
    return {
      message: 'Internal server error',
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  }
  const extensions: Record<string, unknown> = {};
  for (const key of SAFE_EXTENSIONS) if (formatted.extensions?.[key] !== undefined) extensions[key] = formatted.extensions[key];
  return { ...formatted, extensions };
}
