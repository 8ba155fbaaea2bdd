/**
 * The registry's HTTP API on node:http: authenticate (every route but /health needs a credential),
 * route, answer JSON with coded errors. Failures of the store are logged here and answered as
 * INTERNAL_SERVER_ERROR without detail; nothing internal (paths, Redis addresses) reaches a caller.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Authenticator } from '../credentials/authenticator.ts';
import { RegistryError } from '../service/registry-error.ts';
import { LockTimeoutError } from '../store/redis-lock.ts';
import { REGISTRY_HTTP_DEFAULTS, type ApiContext } from './api-context.ts';
import { isLocalBrowser } from './local-browser.ts';
import { sendError, sendJson } from './respond.ts';
import { clientRoutes } from './routes-clients.ts';
import { subgraphRoutes } from './routes-subgraphs.ts';
import { supergraphRoutes } from './routes-supergraph.ts';
import { usageRoutes } from './routes-usage.ts';
import { Router, type Route } from './router.ts';
import { createRegistryMetrics } from './registry-metrics.ts';
import { registryLog } from '../registry-log.ts';

export interface RegistryHttpOptions {
  host: string;
  port: number;
  /** On close, how long `/ready` answers 503 while everything is still served, before the drain. */
  notReadyMs?: number;
  log?: (line: string, fields?: Record<string, unknown>) => void;
}
export interface RunningRegistryHttp { url: string; port: number; server: Server; close(): Promise<void> }

export async function startRegistryHttp(api: ApiContext, authenticator: Authenticator, options: RegistryHttpOptions): Promise<RunningRegistryHttp> {
  const health: Route = { method: 'GET', path: '/health', access: 'public', handle: async ({ res }) => {
    const refused: { error?: RegistryError } = {};
    const supergraph = await api.store.currentSupergraph().catch((error: unknown) => { if (error instanceof RegistryError) refused.error = error; return undefined; });
    // A refused store (STORE_REFUSED, store-guard.ts) says why, so that an operator knows what to accept.
    const status = refused.error ? 'refused' : supergraph === undefined ? 'store unavailable' : 'ok';
    sendJson(res, supergraph === undefined ? 503 : 200, { status, store: api.store.kind, supergraphVersion: supergraph?.version ?? null, ...(refused.error ? { code: refused.error.code, reason: refused.error.message } : {}) });
  } };
  // For load balancers: ready while the store is trusted and no drain has begun (details stay on /health).
  let draining = false;
  const ready: Route = { method: 'GET', path: '/ready', access: 'public', handle: async ({ res }) => {
    const trusted = !draining && await api.store.currentSupergraph().then(() => true, () => false);
    sendJson(res, trusted ? 200 : 503, { ready: trusted });
  } };
  const metrics = createRegistryMetrics();
  const counted: ApiContext = { ...api, service: metrics.observe(api.service) };
  const router = new Router([health, ready, metrics.route, ...subgraphRoutes(counted), ...supergraphRoutes(counted), ...clientRoutes(counted), ...usageRoutes(counted)]);
  const log = options.log ?? registryLog;

  const server = createServer((req, res) => {
    if (draining) res.setHeader('connection', 'close');
    const url = new URL(req.url ?? '/', 'http://registry');
    const found = router.match(req.method ?? 'GET', url.pathname);
    if (found === null) return sendError(res, 'NOT_FOUND', `No route ${req.method} ${url.pathname}.`);
    if (found === 'method-not-allowed') {
      return sendJson(res, 405, { errors: [{ message: `${req.method} is not allowed on ${url.pathname}.`, extensions: { code: 'BAD_REQUEST' } }] });
    }
    (async () => {
      const open = found.route.access === 'public' || (found.route.localBrowserPage === true && api.publicDocsOnLoopback === true && isLocalBrowser(req));
      const credential = open ? null : await authenticator.authenticate(req.headers.authorization, req.socket.remoteAddress ?? 'unknown');
      if (!open && !credential) {
        return sendError(res, 'UNAUTHENTICATED', 'A registry credential is required: Authorization: Bearer <id>.<secret>.');
      }
      await found.route.handle({ req, res, params: found.params, query: url.searchParams, credential });
    })().catch((error: unknown) => {
      if (res.headersSent) return void res.destroy();
      if (error instanceof RegistryError) return sendError(res, error.code, error.message, error.details, error.headers);
      if (error instanceof LockTimeoutError) return sendError(res, 'CONFLICT', error.message);
      log(`${req.method} ${url.pathname} failed`, { err: error });
      sendError(res, 'INTERNAL_SERVER_ERROR', 'Internal server error');
    });
  });
  server.requestTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host}:${port}`,
    port,
    server,
    async close() {
      draining = true;
      if ((options.notReadyMs ?? 0) > 0) await new Promise((resolve) => setTimeout(resolve, options.notReadyMs));
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const deadline = setTimeout(() => server.closeAllConnections(), REGISTRY_HTTP_DEFAULTS.shutdownGraceMs);
      await closed;
      clearTimeout(deadline);
    },
  };
}
