/** Test helpers for Apollo's persisted-query wire format, over POST and GET. */
import type { GraphQLResponse } from './http.ts';

/** `extensions` of a request naming an operation by id (persisted operation or APQ hash). */
export const persistedQuery = (sha256Hash: string) => ({ persistedQuery: { version: 1, sha256Hash } });

/**
 * A GET request to the GraphQL endpoint: `variables` and `extensions` JSON-encoded in the URL, as Apollo
 * clients send them. Pass `apollo-require-preflight` in headers to get past CSRF prevention.
 */
export async function getGraphQL(url: string, params: { query?: string; operationName?: string; variables?: object; extensions?: object }, headers: Record<string, string> = {}): Promise<GraphQLResponse> {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined) search.set(key, typeof value === 'string' ? value : JSON.stringify(value));
  }
  const res = await fetch(`${url}?${search}`, { headers });
  const text = await res.text();
  let body: unknown = text;
  try { body = JSON.parse(text); } catch { /* keep the text */ }
  return { status: res.status, headers: res.headers, body };
}
