/**
 * CORS for the GraphQL endpoint, from an allow-list of exact origins (`cors.allowedOrigins`, none by
 * default: browsers on other sites cannot read any answer). Only a listed origin gets
 * Access-Control-Allow-Origin, echoed back (never `*`), and credentials (cookies, HTTP auth) only when
 * `allowCredentials` says so: the gateway authenticates with bearer tokens, which need none.
 *
 * This only decides what a browser lets a page READ; Apollo's CSRF prevention (server.ts) is what stops
 * a page from making a browser SEND a state-changing request without a preflight.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface CorsOptions {
  allowedOrigins: readonly string[];
  allowCredentials: boolean;
  maxAgeSeconds: number;
}

/** What a Passerelle client sends: the JSON body, its token, its name and version, Apollo's preflight headers. */
const ALLOWED_HEADERS = [
  'content-type', 'authorization', 'apollographql-client-name', 'apollographql-client-version',
  'apollo-require-preflight', 'x-apollo-operation-name',
].join(', ');
const ALLOWED_METHODS = 'GET, POST, OPTIONS';

/**
 * Adds the CORS headers a request earns, and answers preflights (OPTIONS) itself.
 * Returns true when the response has been sent.
 */
export function applyCors(req: IncomingMessage, res: ServerResponse, options: CorsOptions): boolean {
  const origin = req.headers.origin;
  const allowed = origin !== undefined && options.allowedOrigins.includes(origin);
  // The answer differs by Origin: shared caches must not serve one origin's answer to another.
  res.setHeader('vary', 'Origin');
  if (allowed) {
    res.setHeader('access-control-allow-origin', origin);
    if (options.allowCredentials) res.setHeader('access-control-allow-credentials', 'true');
  }
  if (req.method !== 'OPTIONS') return false;
  // A preflight from an origin not listed gets no CORS headers: the browser then blocks the request.
  if (allowed) {
    res.setHeader('access-control-allow-methods', ALLOWED_METHODS);
    res.setHeader('access-control-allow-headers', ALLOWED_HEADERS);
    res.setHeader('access-control-max-age', String(options.maxAgeSeconds));
  }
  res.writeHead(204, { allow: ALLOWED_METHODS, 'content-length': '0' }).end();
  return true;
}
