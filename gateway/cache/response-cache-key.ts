/**
 * Cache keys of a response: everything that changes the answer. The operation (after authorization
 * removed what the caller may not see), its variables, the channel, and the authorization context:
 * the role and scopes for public data, the subject too for private data. No response can reach a
 * principal who could not have received it.
 */
import { createHash } from 'node:crypto';
import type { Principal } from '../auth/principal.ts';

export interface ResponseCacheKeys { public: string; private: string | null }

export function responseCacheKeys(queryHash: string, operationName: string | undefined, variables: unknown, principal: Principal): ResponseCacheKeys {
  const base = createHash('sha256')
    .update(JSON.stringify([queryHash, operationName ?? null, variables ?? null, principal.channel, principal.role, [...principal.scopes].sort()]))
    .digest('base64url');
  return { public: `${base}:pub`, private: principal.subject ? `${base}:u:${principal.subject}` : null };
}
