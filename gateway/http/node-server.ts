/**
 * A small node:http integration for Apollo Server (the documented executeHTTPGraphQLRequest way):
 * GraphQL at `/` and `/graphql`, the routes the gateway adds (`routes`: offline explorer, media), `GET /health` (alive) and a bare `GET /ready` (200 {"ready":true} or 503
 * {"ready":false}, for load balancers: the details are on the admin listener, admin-server.ts), a
 * body-size limit, UTF-8 JSON only (content-type.ts), CORS from an allow-list (cors.ts), and a graceful
 * stop that finishes in-flight requests before closing connections. node:http sets no X-Powered-By
 * header, and nothing here adds one.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { ERROR_CODES, type ErrorCode } from '../../contracts/error-codes.ts';
import type { GatewayContext } from '../context.ts';
import { parseRequestBody, UnsupportedCharsetError } from './content-type.ts';
import { corsHandler, type CorsOptions } from './cors.ts';
import { BodyTooLargeError, readBody } from '../../contracts/lib/read-body.ts';
import { drainServer, listenOn } from './listen.ts';
import type { LoadShedder } from '../load-shedding/load-shedder.ts';
import { traceGraphQLRequest } from '../tracing/http-span.ts';
import { createLogger, type Logger } from '../../contracts/lib/logger.ts';
import { beginAccessLog } from '../logging/access-log.ts';
import { noteErrorBody, noteErrorCode, withAccessRecord } from '../logging/access-record.ts';

export interface HttpOptions {
  host: string;
  port: number;
  maxBodyBytes: number;
  shutdownGraceMs: number;
  cors: CorsOptions;
  /** Refuses new GraphQL requests at once when the gateway is overloaded (load-shedding/). */
  shedder?: LoadShedder;
  context(req: IncomingMessage): Promise<GatewayContext>;
  /** Whether the supergraph is loaded; nothing else is said on the public port. */
  ready(): boolean;
  /** Other routes of the public port (offline explorer, media), tried in order before GraphQL. */
  routes?: readonly PublicRoute[];
  /** Where the access log and request failures go (default: the process's logger, component "gateway"). */
  log?: Logger;
}

/** A route of the public port besides GraphQL: it answers every path it matches, whatever the method. */
export interface PublicRoute {
  matches(path: string): boolean;
  handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<void>;
}

export interface RunningHttpServer {
  url: string;
  port: number;
  server: Server;
  /** True once the drain has begun (markNotReady() or close()): the gateway is no longer ready. */
  closing(): boolean;
  /**
   * First step of a drain: `/ready` answers 503 and responses ask clients to close their connections,
   * while everything is still served, so that load balancers stop sending before the listener closes.
   */
  markNotReady(): void;
  close(): Promise<void>;
}

const GRAPHQL_PATHS = new Set(['/', '/graphql']);

export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }).end(JSON.stringify(value));
}

export function sendError(res: ServerResponse, code: ErrorCode, message: string): void {
  noteErrorCode(res, code);
  sendJson(res, ERROR_CODES[code].status, { errors: [{ message, extensions: { code } }] });
}

async function handleGraphQL(apollo: ApolloServer<GatewayContext>, options: HttpOptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  let body: unknown;
  try {
    body = parseRequestBody(req.headers['content-type'], await readBody(req, options.maxBodyBytes));
  } catch (error) {
    if (error instanceof BodyTooLargeError) return sendError(res, 'PAYLOAD_TOO_LARGE', `The request body exceeds ${options.maxBodyBytes} bytes.`);
    if (error instanceof UnsupportedCharsetError) return sendError(res, 'UNSUPPORTED_MEDIA_TYPE', 'JSON request bodies are accepted in UTF-8 only: send no charset, or charset=utf-8.');
    return sendError(res, 'BAD_REQUEST', 'The request body is not valid JSON.');
  }
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  const url = new URL(req.url ?? '/', 'http://gateway');
  const response = await apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: (req.method ?? 'GET').toUpperCase(), headers, search: url.search, body },
    context: async () => withAccessRecord(await options.context(req), res),
  });
  for (const [key, value] of response.headers) res.setHeader(key, value);
  res.statusCode = response.status ?? 200;
  if (res.statusCode >= 400 && response.body.kind === 'complete') noteErrorBody(res, response.body.string);
  // A client (or CDN) holding the same response revalidates it for free.
  const etag = response.headers.get('etag');
  if (etag && res.statusCode === 200 && req.headers['if-none-match'] === etag) {
    res.statusCode = 304;
    res.end();
    return;
  }
  if (response.body.kind === 'complete') {
    res.end(response.body.string);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

export async function startHttpServer(apollo: ApolloServer<GatewayContext>, options: HttpOptions): Promise<RunningHttpServer> {
  let closing = false;
  const applyCors = corsHandler(options.cors);
  const log = options.log ?? createLogger('gateway');
  // A GraphQLError here is the caller's fault (a bad request): one line, no stack. Anything else is ours.
  const failed = (error: unknown) => {
    if (error instanceof GraphQLError) log.info({ code: error.extensions['code'] ?? 'BAD_REQUEST' }, `bad request: ${error.message}`);
    else log.error({ err: error }, 'request failed');
  };
  const server = createServer((req, res) => {
    if (closing) res.setHeader('connection', 'close');
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (req.method === 'GET' && path === '/health') return sendJson(res, 200, { status: 'ok' });
    if (req.method === 'GET' && path === '/ready') {
      const ready = options.ready() && !closing;
      return sendJson(res, ready ? 200 : 503, { ready });
    }
    beginAccessLog(req, res, log);
    const route = options.routes?.find((r) => r.matches(path));
    if (route) {
      route.handle(req, res, path).catch((error: unknown) => {
        failed(error);
        if (res.headersSent) return res.destroy();
        sendError(res, 'INTERNAL_SERVER_ERROR', 'Internal server error');
      });
      return;
    }
    if (!GRAPHQL_PATHS.has(path)) return sendError(res, 'NOT_FOUND', 'Not found: the GraphQL endpoint is /graphql.');
    if (applyCors(req, res)) return;
    if (options.shedder && options.shedder.admit() !== 'admitted') {
      res.setHeader('retry-after', String(options.shedder.options.retryAfterSeconds));
      return sendError(res, 'OVERLOADED', 'The service is overloaded: try again shortly.');
    }
    if (options.shedder) res.once('close', () => options.shedder?.release());
    // Continues the client's traceparent: the request runs in its server span's context (tracing/).
    traceGraphQLRequest(req, res, () => handleGraphQL(apollo, options, req, res)).catch((error: unknown) => {
      failed(error);
      if (res.headersSent) return res.destroy();
      const status = error instanceof GraphQLError ? 400 : 500;
      sendError(res, status === 400 ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR', status === 400 ? 'Bad request.' : 'Internal server error');
    });
  });
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  const { port, origin } = await listenOn(server, options.port, options.host);
  return {
    url: `${origin}/graphql`,
    port,
    server,
    closing: () => closing,
    markNotReady() { closing = true; },
    async close() {
      closing = true;
      await drainServer(server, options.shutdownGraceMs);
    },
  };
}
