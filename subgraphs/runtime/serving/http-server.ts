/**
 * A subgraph's HTTP server: GraphQL at `/` and `/graphql` (JSON POST from the gateway), `GET /health`
 * (alive), `GET /ready` (200 while serving, 503 once draining; `?verbose` adds the legacy systems' state) and
 * `GET /metrics`, over node:http with keep-alive. Apollo's
 * standalone server has neither endpoint nor drain: on stop, this one first answers `/ready` with 503 for
 * `notReadyMs` while it still serves, so that a load balancer stops sending, then closes and lets
 * in-flight requests finish (up to `graceMs`).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import { runInRequestScope } from '../transport/resilience/request-deadline.ts';
import { traceSubgraphRequest } from '../tracing/http-span.ts';

export const SUBGRAPH_HTTP_DEFAULTS = Object.freeze({
  /** Requests from the gateway are small: an operation and its variables (entity representations). */
  maxBodyBytes: 4 * 1024 * 1024,
  graceMs: 10_000,
});

export interface SubgraphHttpOptions<TContext extends BaseContext> {
  /** The subgraph's name, on its server spans (tracing/). */
  name?: string;
  port: number;
  host: string;
  notReadyMs: number;
  context(req: IncomingMessage): Promise<TContext>;
  /** What `GET /ready?verbose` adds (the state of each legacy system's protection). */
  readinessDetail?(): Record<string, unknown>;
  /** What `GET /metrics` answers (Prometheus' text format). */
  metrics?(): Promise<string>;
}

const send = (res: ServerResponse, status: number, value: unknown) =>
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }).end(JSON.stringify(value));
const refuse = (res: ServerResponse, status: number, code: string, message: string) => send(res, status, { errors: [{ message, extensions: { code } }] });

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > SUBGRAPH_HTTP_DEFAULTS.maxBodyBytes) throw new RangeError('body too large');
    chunks.push(chunk as Buffer);
  }
  return size === 0 ? undefined : JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

async function handle<TContext extends BaseContext>(apollo: ApolloServer<TContext>, options: SubgraphHttpOptions<TContext>, req: IncomingMessage, res: ServerResponse) {
  let body: unknown;
  try { body = await readJson(req); } catch (error) {
    return error instanceof RangeError ? refuse(res, 413, 'PAYLOAD_TOO_LARGE', 'The request body is too large.') : refuse(res, 400, 'BAD_REQUEST', 'The request body is not valid JSON.');
  }
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  // One scope per request: the context factory sets its deadline, every legacy call it causes reads it.
  const response = await runInRequestScope(() => apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: (req.method ?? 'GET').toUpperCase(), headers, search: new URL(req.url ?? '/', 'http://subgraph').search, body },
    context: () => options.context(req),
  }));
  for (const [key, value] of response.headers) res.setHeader(key, value);
  res.statusCode = response.status ?? 200;
  if (response.body.kind === 'complete') return void res.end(response.body.string);
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

export async function serveSubgraphHttp<TContext extends BaseContext>(apollo: ApolloServer<TContext>, options: SubgraphHttpOptions<TContext>) {
  let draining = false;
  const server = createServer((req, res) => {
    if (draining) res.setHeader('connection', 'close');
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && path === '/health') return send(res, 200, { status: 'ok' });
    if (req.method === 'GET' && path === '/ready') {
      // Kubernetes' `?verbose` convention: probes read the status, operators the detail. A subgraph is
      // only reachable from inside the platform, and a sick legacy system never makes it unready (the
      // breaker answers for it): the detail says "degraded" instead.
      const verbose = new URL(req.url ?? '/', 'http://subgraph').searchParams.has('verbose');
      return send(res, draining ? 503 : 200, { ready: !draining, ...(verbose ? options.readinessDetail?.() : {}) });
    }
    if (req.method === 'GET' && path === '/metrics' && options.metrics) {
      return void options.metrics().then(
        (text) => res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8', 'cache-control': 'no-store' }).end(text),
        () => refuse(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error'));
    }
    if (path !== '/' && path !== '/graphql') return refuse(res, 404, 'NOT_FOUND', 'Not found: the GraphQL endpoint is /graphql.');
    // Continues the gateway's traceparent: the request and its legacy calls run in its server span (tracing/).
    traceSubgraphRequest(options.name, req, res, () => handle(apollo, options, req, res)).catch(() => { if (!res.headersSent) refuse(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error'); else res.destroy(); });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => { server.once('error', reject); server.listen(options.port, options.host, () => resolve()); });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}/`,
    async close(): Promise<void> {
      draining = true;
      if (options.notReadyMs > 0) await new Promise((resolve) => setTimeout(resolve, options.notReadyMs));
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const sweeper = setInterval(() => server.closeIdleConnections(), 25);
      const deadline = setTimeout(() => server.closeAllConnections(), SUBGRAPH_HTTP_DEFAULTS.graceMs);
      await closed;
      clearInterval(sweeper);
      clearTimeout(deadline);
    },
  };
}
