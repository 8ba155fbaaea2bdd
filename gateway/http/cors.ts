/**
 * CORS for the GraphQL endpoint, from an allow-list of origins (`cors.allowedOrigins`): exact origins
 * (`https://shop.example`) or a host with any port (`http://localhost:*`). Default: none in production
 * (browsers on other sites cannot read any answer), the loopback origins in development, so that a
 * browser app served by a dev server (`http://localhost:5173`) can call `npm start`'s gateway.
 * `PASSERELLE_CORS_ORIGINS` (comma-separated) replaces the default in both. Only an allowed origin gets
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
const ANY_PORT = ':*';

/** Whether an allow-list entry is valid: an exact origin, or `scheme://host:*` (that host on any port). */
export function isOriginPattern(entry: string): boolean {
  const base = entry.endsWith(ANY_PORT) ? entry.slice(0, -ANY_PORT.length) : entry;
  // A wildcard is a whole port, never part of a host: `http://*.example` or `http://*:*` would allow any site.
  if (base.includes('*') || !URL.canParse(base)) return false;
  const url = new URL(base);
  return url.origin === base && (base === entry || url.port === '');
}

/** `PASSERELLE_CORS_ORIGINS`: a comma-separated list, blanks ignored (an empty value: no origin at all). */
export function parseOriginList(text: string): string[] {
  return text.split(',').map((entry) => entry.trim()).filter((entry) => entry.length > 0);
}

/** Whether a request's Origin header is one the list allows. */
export function originMatcher(allowed: readonly string[]): (origin: string) => boolean {
  const exact = new Set(allowed.filter((entry) => !entry.endsWith(ANY_PORT)));
  const anyPort = new Set(allowed.filter((entry) => entry.endsWith(ANY_PORT)).map((entry) => entry.slice(0, -ANY_PORT.length)));
  return (origin) => {
    if (exact.has(origin)) return true;
    if (anyPort.size === 0 || !URL.canParse(origin)) return false;
    const url = new URL(origin);
    // The header must itself be a bare origin: no path, credentials or default port spelled out.
    return url.origin === origin && anyPort.has(`${url.protocol}//${url.hostname}`);
  };
}

/**
 * The CORS step: adds the headers a request earns, and answers preflights (OPTIONS) itself.
 * It returns true when the response has been sent.
 */
export function corsHandler(options: CorsOptions): (req: IncomingMessage, res: ServerResponse) => boolean {
  const allows = originMatcher(options.allowedOrigins);
  return (req, res) => applyCors(req, res, options, allows);
}

function applyCors(req: IncomingMessage, res: ServerResponse, options: CorsOptions, allows: (origin: string) => boolean): boolean {
  const origin = req.headers.origin;
  const allowed = origin !== undefined && allows(origin);
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
