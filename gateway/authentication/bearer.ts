/**
 * Verifies the client's bearer JWT with jose: keys from a JWKS (URL, fetched and cached, or file),
 * algorithms pinned, issuer/audience/expiry required. No token means an anonymous principal; a token
 * that fails any check is refused with 401 UNAUTHENTICATED, without saying which check failed.
 * The identity carries the client the token was issued to (`azp`, else RFC 9068's `client_id`): the only
 * thing, with the role, that can put a caller on a privileged channel (see client-identity.ts). A token
 * whose two claims name different clients is ambiguous and refused.
 */
import { readFileSync } from 'node:fs';
import { createLocalJWKSet, createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { requestError } from '../../contracts/error-codes.ts';
import type { GatewayConfig } from '../config.ts';
import type { Role } from '../../contracts/principal.ts';

export interface Identity {
  role: Exclude<Role, 'anonymous'>;
  subject: string;
  scopes: string[];
  /** The client the token was issued to (`azp` / `client_id`), null when the token does not say. */
  client: string | null;
}
export type Authenticator = (authorization: string | undefined) => Promise<Identity | null>;

const AUTHENTICATED_ROLES = new Set<string>(['customer', 'partner', 'agent']);

function keySet(auth: NonNullable<GatewayConfig['auth']>): JWTVerifyGetKey {
  if (auth.jwksFile) return createLocalJWKSet(JSON.parse(readFileSync(auth.jwksFile, 'utf8')));
  return createRemoteJWKSet(new URL(auth.jwksUrl as string), { cacheMaxAge: auth.jwksCacheMaxAgeMs, timeoutDuration: 5_000 });
}

function identityFrom(payload: JWTPayload, roleClaim: string): Identity {
  const role = payload[roleClaim];
  if (typeof role !== 'string' || !AUTHENTICATED_ROLES.has(role) || !payload.sub) throw new Error('token without a known role or subject');
  const scope = payload['scope'];
  return { role: role as Identity['role'], subject: payload.sub, scopes: typeof scope === 'string' ? scope.split(' ').filter(Boolean) : [], client: clientOf(payload) };
}

function clientOf(payload: JWTPayload): string | null {
  const named = [payload['azp'], payload['client_id']].filter((c) => c !== undefined);
  if (named.some((c) => typeof c !== 'string' || c === '')) throw new Error('malformed client claim');
  if (new Set(named).size > 1) throw new Error('azp and client_id name different clients');
  return (named[0] as string | undefined) ?? null;
}

export function createAuthenticator(auth: GatewayConfig['auth']): Authenticator {
  if (!auth) {
    return async (authorization) => {
      if (authorization) throw requestError('UNAUTHENTICATED', 'This gateway accepts no bearer tokens.');
      return null;
    };
  }
  const keys = keySet(auth);
  return async (authorization) => {
    if (authorization === undefined || authorization === '') return null;
    const match = /^Bearer ([A-Za-z0-9\-_]+\.[A-Za-z0-9\-_]+\.[A-Za-z0-9\-_]+)$/.exec(authorization);
    if (!match) throw requestError('UNAUTHENTICATED', 'Malformed Authorization header: expected "Bearer <JWT>".');
    try {
      const { payload } = await jwtVerify(match[1] as string, keys, {
        issuer: auth.issuer,
        audience: auth.audience,
        algorithms: auth.algorithms,
        requiredClaims: ['exp', 'iss', 'aud', 'sub'],
        clockTolerance: 5,
      });
      return identityFrom(payload, auth.roleClaim);
    } catch {
      throw requestError('UNAUTHENTICATED', 'Invalid or expired token.');
    }
  };
}
