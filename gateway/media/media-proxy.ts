/**
 * `/media/<path>` on the public port: product pictures streamed from the legacy media origin
 * (`media.upstreamUrl`), so that clients only ever see the gateway's (or a CDN's) URLs and never the
 * legacy host. GET and HEAD only; the path is checked (contracts/media-path.ts) before anything is
 * fetched; no query, cookie or credential is forwarded; redirects are not followed; only images are passed
 * on, each with a CSP that keeps an SVG's scripts from running on the gateway's origin.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { Agent, request } from 'undici';
import { safeMediaPath } from '../../contracts/media-path.ts';
import { sendError, type PublicRoute } from '../http/node-server.ts';
import { refuseUnlessReadOnly } from '../http/read-only.ts';
import { upstreamFailureCode } from './upstream-failure.ts';

export const MEDIA_PREFIX = '/media/';

export interface MediaProxyOptions {
  /** `<upstreamUrl>/<path>` is fetched; no trailing slash. */
  upstreamUrl: string;
  timeoutMs: number;
  /** Cache-Control max-age when the upstream sends none. */
  maxAgeSeconds: number;
}

export interface MediaProxy { route: PublicRoute; close(): Promise<void> }

/** Conditional requests are passed on, so that a browser revalidating a picture gets a 304. */
const FORWARDED_REQUEST_HEADERS = ['accept', 'if-none-match', 'if-modified-since'] as const;
const FORWARDED_RESPONSE_HEADERS = ['content-type', 'content-length', 'etag', 'last-modified', 'cache-control'] as const;
/** An SVG opened on its own would otherwise be a page of the gateway's origin, scripts included. */
const MEDIA_CSP = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

async function proxy(options: MediaProxyOptions, agent: Agent, req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  if (refuseUnlessReadOnly(req, res)) return;
  const mediaPath = path.startsWith(MEDIA_PREFIX) ? safeMediaPath(path.slice(MEDIA_PREFIX.length)) : null;
  if (!mediaPath) return sendError(res, 'NOT_FOUND', 'Not found: not a media path.');
  const headers: Record<string, string> = {};
  for (const name of FORWARDED_REQUEST_HEADERS) {
    const value = header(req.headers[name]);
    if (value !== undefined) headers[name] = value;
  }
  let upstream: Awaited<ReturnType<typeof request>>;
  try {
    upstream = await request(`${options.upstreamUrl}/${mediaPath}`, {
      method: req.method as 'GET' | 'HEAD', headers, dispatcher: agent,
      headersTimeout: options.timeoutMs, bodyTimeout: options.timeoutMs,
    });
  } catch (error) {
    const code = upstreamFailureCode(error);
    return sendError(res, code, code === 'UPSTREAM_TIMEOUT' ? 'The media origin did not answer in time.' : 'The media origin is unavailable.');
  }
  const { statusCode, body } = upstream;
  const type = header(upstream.headers['content-type']) ?? '';
  const ok = (statusCode === 200 && /^image\//i.test(type)) || statusCode === 304;
  if (!ok) {
    await body.dump().catch(() => undefined);
    if (statusCode >= 400 && statusCode < 500) return sendError(res, 'NOT_FOUND', 'Not found: no such media.');
    if (statusCode >= 500) return sendError(res, 'UPSTREAM_UNAVAILABLE', 'The media origin is unavailable.');
    return sendError(res, 'UPSTREAM_ERROR', 'The media origin answered with something that is not a picture.');
  }
  res.statusCode = statusCode;
  for (const name of FORWARDED_RESPONSE_HEADERS) {
    const value = header(upstream.headers[name]);
    if (value !== undefined) res.setHeader(name, value);
  }
  if (!res.hasHeader('cache-control')) res.setHeader('cache-control', `public, max-age=${options.maxAgeSeconds}`);
  res.setHeader('content-security-policy', MEDIA_CSP);
  res.setHeader('x-content-type-options', 'nosniff');
  // A client that goes away mid-picture, or an origin that stalls: the connection is cut, nothing to answer.
  await pipeline(body, res).catch(() => { res.destroy(); });
}

export function createMediaProxy(options: MediaProxyOptions): MediaProxy {
  const agent = new Agent({ keepAliveTimeout: 30_000, connections: 64, connectTimeout: options.timeoutMs });
  return {
    route: {
      matches: (path) => path === '/media' || path.startsWith(MEDIA_PREFIX),
      handle: (req, res, path) => proxy(options, agent, req, res, path),
    },
    close: () => agent.close(),
  };
}
