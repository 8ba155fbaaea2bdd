/**
 * The last word on what an error may say. Errors with a catalogued code pass (subgraphs already wrote
 * them to be shown); anything else, including the gateway's own "fetching subquery" errors and their
 * response bodies, becomes INTERNAL_SERVER_ERROR. Only safe extensions are kept, in every posture:
 * `serviceName`, which @apollo/gateway adds to every error coming from a subgraph, is NOT one of them, as
 * the subgraphs behind the graph are an internal matter (a client branches on `code`, never on who failed).
 * In production the legacy systems are internal too: errors about them (UPSTREAM_*) lose `system` and say
 * what the catalogue says of their code instead of naming the CRM or the Billing system; development keeps
 * both, as they tell a developer which stand-in to look at.
 */
import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { ERROR_CODES } from '../../contracts/error-codes.ts';
import { createLogger, type Logger } from '../../contracts/lib/logger.ts';

let processLog: Logger | undefined;
const log = (): Logger => (processLog ??= createLogger('gateway'));

/** Apollo Server's own request-level codes, safe by construction. */
const APOLLO_CODES = new Set(['PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED', 'OPERATION_RESOLUTION_FAILURE']);
const SAFE_EXTENSIONS = ['code', 'system', 'argument'] as const;

/** Messages of the codes that would otherwise name a legacy system. */
const UPSTREAM_MESSAGES: Readonly<Record<string, string>> = Object.freeze({
  UPSTREAM_UNAVAILABLE: 'The system of record behind this field is unavailable; the rest of the response is valid.',
  UPSTREAM_TIMEOUT: 'The system of record behind this field did not answer in time; the rest of the response is valid.',
  UPSTREAM_ERROR: 'The system of record behind this field answered with something unusable; the rest of the response is valid.',
});

/** The gateway's `formatError` for its posture. */
export function errorMasker({ production }: { production: boolean }): (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError {
  if (!production) return maskGatewayError;
  return (formatted, error) => {
    const masked = maskGatewayError(formatted, error);
    const generic = UPSTREAM_MESSAGES[String(masked.extensions?.['code'])];
    if (!generic) return masked;
    const { system: _internal, ...extensions } = masked.extensions ?? {};
    return { ...masked, message: generic, extensions };
  };
}

export function maskGatewayError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const code = formatted.extensions?.['code'];
  const known = typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR' && (code in ERROR_CODES || APOLLO_CODES.has(code));
  if (!known) {
    // What the client does not see, the operator does: the original error, structured, at error level.
    log().error({ err: unwrapResolverError(error), path: formatted.path }, 'masked error');
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
