/**
 * The harness every legacy stand-in runs in: a real node:http server with the knobs that let tests
 * make a back end slow, flaky or dead, and counters that show how many legacy calls an operation cost.
 *
 * Admin routes (never counted, never slowed):
 *   GET  /__admin/stats          -> { system, total, byRoute, lastTraceparent? }
 *   POST /__admin/stats/reset
 *   GET  /__admin/knobs          -> current knobs
 *   PUT  /__admin/knobs          <- partial knobs as JSON
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createLogger } from '../../../contracts/lib/logger.ts';

export interface Knobs {
  /** Added to every response, in milliseconds. */
  latencyMs: number;
  /** Uniform random extra latency in [0, jitterMs]. */
  jitterMs: number;
  /** Probability in [0, 1] that a request fails the way this system fails (503 page, SOAP Fault...). */
  errorRate: number;
  /** When true, requests are accepted and never answered (until the knob is turned off or the server closes). */
  hang: boolean;
}

export const DEFAULT_KNOBS: Readonly<Knobs> = Object.freeze({ latencyMs: 0, jitterMs: 0, errorRate: 0, hang: false });

export interface StandInStats {
  system: string;
  total: number;
  byRoute: Record<string, number>;
  /** The W3C traceparent of the last counted request that carried one (the subgraphs' legacy-call spans). */
  lastTraceparent?: string;
}

export interface StandInHandle {
  readonly system: string;
  readonly url: string;
  readonly port: number;
  stats(): StandInStats;
  resetStats(): void;
  knobs(): Knobs;
  setKnobs(patch: Partial<Knobs>): void;
  close(): Promise<void>;
}

export interface StandInDefinition {
  system: string;
  /**
   * Handles one legacy request; returns the route label it counted under (e.g. "GET /clients/:id").
   * It may answer asynchronously but must answer.
   */
  handle(req: IncomingMessage, res: ServerResponse, body: Buffer): string | Promise<string>;
  /** Answers the way this legacy system fails when overloaded or broken. */
  fail(req: IncomingMessage, res: ServerResponse): void;
  /** Label for requests the handler never sees (failures injected by the knobs). */
  routeOf(req: IncomingMessage): string;
  /** Extra /__admin/* routes of this system (e.g. advancing an order); returns false when not its route. */
  admin?(req: IncomingMessage, res: ServerResponse, body: Buffer): boolean;
}

export interface StartOptions { port?: number; host?: string; knobs?: Partial<Knobs> }

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
}

export async function startStandIn(def: StandInDefinition, options: StartOptions = {}): Promise<StandInHandle> {
  const log = createLogger('stand-in');
  let knobs: Knobs = { ...DEFAULT_KNOBS, ...options.knobs };
  let stats: StandInStats = { system: def.system, total: 0, byRoute: {} };
  const hanging = new Set<ServerResponse>();
  const sockets = new Set<Socket>();

  const count = (route: string): void => {
    stats.total += 1;
    stats.byRoute[route] = (stats.byRoute[route] ?? 0) + 1;
  };

  async function admin(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> {
    const path = (req.url ?? '').split('?')[0];
    if (req.method === 'GET' && path === '/__admin/stats') return sendJson(res, 200, stats);
    if (req.method === 'POST' && path === '/__admin/stats/reset') { stats = { system: def.system, total: 0, byRoute: {} }; return sendJson(res, 200, stats); }
    if (req.method === 'GET' && path === '/__admin/knobs') return sendJson(res, 200, knobs);
    if (req.method === 'PUT' && path === '/__admin/knobs') {
      try {
        handle.setKnobs(JSON.parse(body.toString('utf8') || '{}') as Partial<Knobs>);
        log.info({ system: def.system, knobs }, `${def.system} knobs changed`);
        return sendJson(res, 200, knobs);
      } catch (error) {
        return sendJson(res, 400, { error: (error as Error).message });
      }
    }
    if (def.admin?.(req, res, body)) return;
    sendJson(res, 404, { error: 'unknown admin route' });
  }

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    if ((req.url ?? '').startsWith('/__admin/')) return admin(req, res, body);
    const traceparent = req.headers['traceparent'];
    if (typeof traceparent === 'string') stats.lastTraceparent = traceparent;

    const delay = knobs.latencyMs + Math.random() * knobs.jitterMs;
    if (delay > 0) await sleep(delay);
    if (knobs.hang) {
      count(def.routeOf(req));
      hanging.add(res);
      res.on('close', () => hanging.delete(res));
      return;
    }
    if (knobs.errorRate > 0 && Math.random() < knobs.errorRate) {
      count(def.routeOf(req));
      return def.fail(req, res);
    }
    count(await def.handle(req, res, body));
  }

  const server: Server = createServer((req, res) => {
    onRequest(req, res).catch((error: unknown) => {
      log.error({ err: error, system: def.system }, `${def.system} stand-in request failed`);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('internal error');
    });
  });
  server.keepAliveTimeout = 65_000;
  server.on('connection', (socket) => { sockets.add(socket); socket.on('close', () => sockets.delete(socket)); });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  const handle: StandInHandle = {
    system: def.system,
    url: `http://127.0.0.1:${port}`,
    port,
    stats: () => structuredClone(stats),
    resetStats: () => { stats = { system: def.system, total: 0, byRoute: {} }; },
    knobs: () => ({ ...knobs }),
    setKnobs: (patch) => {
      const next = { ...knobs, ...patch };
      for (const key of Object.keys(next) as (keyof Knobs)[]) {
        if (!(key in DEFAULT_KNOBS)) throw new Error(`unknown knob "${key}"`);
        if (typeof next[key] !== typeof DEFAULT_KNOBS[key]) throw new Error(`knob "${key}" must be a ${typeof DEFAULT_KNOBS[key]}`);
      }
      if (next.errorRate < 0 || next.errorRate > 1) throw new Error('errorRate must be within [0, 1]');
      knobs = next;
      // Turning hang off releases nobody: the hung requests stay hung, as a real dead back end's would.
    },
    close: async () => {
      for (const res of hanging) res.destroy();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
  return handle;
}

/** A tiny path matcher for REST stand-ins: "/clients/:id" -> { id }. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const p = pattern.split('/');
  const s = path.split('/');
  if (p.length !== s.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    const part = p[i] as string;
    const seg = s[i] as string;
    if (part.startsWith(':')) params[part.slice(1)] = decodeURIComponent(seg);
    else if (part !== seg) return null;
  }
  return params;
}

export { sendJson };
