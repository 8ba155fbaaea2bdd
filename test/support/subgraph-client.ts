/**
 * Calls a subgraph directly, as the gateway would: with a freshly signed internal token for the given
 * principal (or with a forged/missing one, to test that the subgraph refuses it).
 */
import { createInternalTokenSigner, generateInternalKeyPair, INTERNAL_TOKEN_HEADER, type InternalKeyPair } from '../../contracts/internal-token.ts';
import type { Principal } from '../../contracts/principal.ts';

export const TEST_KEYS: InternalKeyPair = generateInternalKeyPair();
const sign = createInternalTokenSigner(TEST_KEYS.privateKeyPem);

export const principals = {
  anonymous: (): Principal => ({ role: 'anonymous', subject: null, scopes: [], channel: 'web', client: null }),
  customer: (id: string): Principal => ({ role: 'customer', subject: id, scopes: [], channel: 'mobile', client: null }),
  partner: (id: string): Principal => ({ role: 'partner', subject: id, scopes: [], channel: 'partner', client: null }),
  agent: (id = 'A001'): Principal => ({ role: 'agent', subject: id, scopes: [], channel: 'agent', client: null }),
};

export interface GraphQLResult<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  headers: Headers;
}

export async function callSubgraph<T = Record<string, any>>(
  url: string,
  subgraph: string,
  principal: Principal | null,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<GraphQLResult<T>> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const internal = token ?? (principal ? await sign(principal, subgraph) : undefined);
  if (internal) headers[INTERNAL_TOKEN_HEADER] = internal;
  const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as Omit<GraphQLResult<T>, 'status' | 'headers'>;
  return { status: res.status, headers: res.headers, ...body };
}
