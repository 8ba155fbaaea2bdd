/**
 * Counts the bearer tokens the gateway refuses (authentication/bearer.ts: malformed, invalid, expired,
 * or any token where none is accepted), by error code. A refused token never reaches Apollo, so the
 * request metrics do not see it: a spike here is a broken client release or someone trying tokens.
 */
import { Counter, type Registry } from 'prom-client';
import type { Authenticator } from '../authentication/bearer.ts';

export function countingTokenFailures(authenticate: Authenticator, registry: Registry): Authenticator {
  const failures = new Counter({ name: 'passerelle_token_failures_total', help: 'Bearer tokens refused (authentication), by error code.', labelNames: ['code'], registers: [registry] });
  return async (authorization) => {
    try {
      return await authenticate(authorization);
    } catch (error) {
      const code = (error as { extensions?: { code?: unknown } }).extensions?.code;
      failures.inc({ code: code === 'UNAUTHENTICATED' ? code : 'INTERNAL_SERVER_ERROR' });
      throw error;
    }
  };
}
