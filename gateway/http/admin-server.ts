/**
 * The gateway's admin listener, on a port of its own (loopback by default, `admin.host`/`admin.port`):
 * what operators and their tools read, and what callers of the public port must not. GET /ready with the
 * schema served (version, hash, source, last registry error, cache kind), GET /health, and the routes the
 * gateway adds (GET /metrics, POST /admin/cache/purge). The public port answers only a bare /ready.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { sendError, sendJson } from './node-server.ts';
import { drainServer, listenOn } from './listen.ts';

export type AdminRoute = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export interface AdminOptions {
  host: string;
  port: number;
  /** The readiness report, details included; `ready` decides 200 or 503. */
  readiness(): { ready: boolean } & Record<string, unknown>;
  /** By method and path: "GET /metrics", "POST /admin/cache/purge". */
  routes: Readonly<Record<string, AdminRoute>>;
  /** How long open connections get to finish on close. */
  shutdownGraceMs: number;
}

export interface RunningAdminServer { url: string; port: number; server: Server; close(): Promise<void> }

export async function startAdminServer(options: AdminOptions): Promise<RunningAdminServer> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (req.method === 'GET' && path === '/health') return sendJson(res, 200, { status: 'ok' });
    if (req.method === 'GET' && path === '/ready') {
      const report = options.readiness();
      return sendJson(res, report.ready ? 200 : 503, report);
    }
    const route = Object.hasOwn(options.routes, `${req.method} ${path}`) ? options.routes[`${req.method} ${path}`] : undefined;
    if (!route) return sendError(res, 'NOT_FOUND', 'Not found.');
    route(req, res).catch(() => { if (!res.headersSent) sendError(res, 'INTERNAL_SERVER_ERROR', 'Internal server error'); });
  });
  const { port, origin } = await listenOn(server, options.port, options.host);
  return {
    url: `${origin}`,
    port,
    server,
    async close() {
      await drainServer(server, options.shutdownGraceMs);
    },
  };
}
