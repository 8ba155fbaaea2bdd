/**
 * The OMS stand-in: order management over REST/JSON, with the habits of the real one (numeric status
 * codes, legacy timestamps, integer cents, Idempotency-Key on order creation, Oracle faults on 500).
 *
 *   GET    /oms/customers/:customerId/orders?offset=&limit=   newest first, { total, orders }, limit <= 100
 *   GET    /oms/orders/:orderId                                404 { errorCode: "ORD-404" }
 *   GET    /oms/orders?ids=a,b                                 batch (<= 100): { orders, notFound }
 *   GET    /oms/customers/:customerId/cart                     empty cart when none, stable cartId
 *   POST   /oms/customers/:customerId/cart/lines               { productCode, qty }: merges a product's lines
 *   PATCH  /oms/customers/:customerId/cart/lines/:lineNo       { qty } (0 removes)
 *   DELETE /oms/customers/:customerId/cart/lines/:lineNo
 *   POST   /oms/orders                                         Idempotency-Key header; cart -> order (status 10)
 *   POST   /oms/orders/:orderId/cancel                         10/20 -> 90; 90 again: 200; 30: 409 ORD-NOT-CANCELLABLE
 *   POST   /__admin/orders/:orderId/status                     { status } (admin, never counted)
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { getDataset, type DatasetOptions } from '../common/dataset.ts';
import { matchPath, sendJson, startStandIn, type StandInHandle, type StartOptions } from '../common/stand-in.ts';
import { isOrderStatus } from './legacy-format.ts';
import { ReplyError, ROUTES, type Reply, type Route } from './routes.ts';
import { OmsStore } from './store.ts';

export interface StandInOptions extends StartOptions { dataset?: Partial<DatasetOptions> }

const ORACLE_DEADLOCK = { errorCode: 'SYS-500', detail: 'ORA-00060: deadlock detected while waiting for resource' };

function findRoute(method: string | undefined, path: string): { route: Route; params: Record<string, string> } | null {
  for (const route of ROUTES) {
    if (route.method !== method) continue;
    let params: Record<string, string> | null = null;
    try { params = matchPath(route.pattern, path); } catch { return null; } // malformed %-escape: no route
    if (params) return { route, params };
  }
  return null;
}

function parseBody(body: Buffer): Record<string, unknown> | null {
  if (body.length === 0) return {};
  try {
    const value: unknown = JSON.parse(body.toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function send(res: ServerResponse, reply: Reply): void {
  res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers }).end(JSON.stringify(reply.body));
}

export async function startOms(options: StandInOptions = {}): Promise<StandInHandle> {
  const store = new OmsStore(getDataset(options.dataset));
  const routeLabel = (req: IncomingMessage): string => {
    const url = new URL(req.url ?? '/', 'http://oms.invalid');
    const found = findRoute(req.method, url.pathname);
    return found ? `${found.route.method} ${found.route.pattern}` : `${req.method} (unknown)`;
  };

  return startStandIn({
    system: 'oms',
    routeOf: routeLabel,
    handle(req, res, rawBody) {
      const url = new URL(req.url ?? '/', 'http://oms.invalid');
      const found = findRoute(req.method, url.pathname);
      if (!found) { sendJson(res, 404, { errorCode: 'REQ-NOROUTE' }); return `${req.method} (unknown)`; }
      const body = parseBody(rawBody);
      try {
        if (!body) throw new ReplyError({ status: 400, body: { errorCode: 'REQ-INVALID', detail: 'body must be a JSON object' } });
        send(res, found.route.run({ params: found.params, query: url.searchParams, body, headers: req.headers }, store));
      } catch (error) {
        if (!(error instanceof ReplyError)) throw error;
        send(res, error.reply);
      }
      return `${found.route.method} ${found.route.pattern}`;
    },
    fail(_req, res) {
      sendJson(res, 500, ORACLE_DEADLOCK);
    },
    admin(req, res, rawBody) {
      const params = req.method === 'POST' ? matchPath('/__admin/orders/:orderId/status', (req.url ?? '').split('?')[0] ?? '') : null;
      if (!params) return false;
      const status = parseBody(rawBody)?.['status'];
      if (!isOrderStatus(status)) sendJson(res, 400, { errorCode: 'REQ-INVALID', detail: 'status must be 10, 20, 30 or 90' });
      else if (!store.setStatus(params['orderId'] ?? '', status)) sendJson(res, 404, { errorCode: 'ORD-404' });
      else sendJson(res, 200, store.order(params['orderId'] ?? ''));
      return true;
    },
  }, options);
}
