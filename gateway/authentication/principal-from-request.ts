/**
 * Builds the request's principal: the verified identity (if any), then the calling client and its channel,
 * decided from that identity first and the client headers second (client-identity.ts).
 */
import type { GatewayConfig } from '../config.ts';
import type { Authenticator } from './bearer.ts';
import { identifyClient } from './client-identity.ts';
import type { Principal } from '../../contracts/principal.ts';

type HeaderValue = string | string[] | undefined;
const one = (value: HeaderValue): string | undefined => (Array.isArray(value) ? value[0] : value);

export function createPrincipalResolver(authenticate: Authenticator, config: GatewayConfig) {
  return async (headers: Record<string, HeaderValue>): Promise<Principal> => {
    const identity = await authenticate(one(headers['authorization']));
    const { client, channel } = identifyClient(
      { name: one(headers['apollographql-client-name']), version: one(headers['apollographql-client-version']) },
      { role: identity?.role ?? 'anonymous', client: identity?.client ?? null },
      config,
    );
    if (!identity) return { role: 'anonymous', subject: null, scopes: [], channel, client };
    return { role: identity.role, subject: identity.subject, scopes: identity.scopes, channel, client };
  };
}
