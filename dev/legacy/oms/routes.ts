/**
 * The OMS's REST routes. Each answers JSON; errors are `{ errorCode, detail? }` with the OMS's own codes
 * (ORD-404, ORD-NOT-CANCELLABLE, PRD-UNKNOWN, CART-EMPTY, IDEMPOTENCY-MISMATCH...), which the ordering data source translates.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { isChannelCode } from './legacy-format.ts';
import { OMS_LIMITS, type CartResult, type OmsStore } from './store.ts';

export interface RouteRequest {
  params: Record<string, string>;
  query: URLSearchParams;
  body: Record<string, unknown>;
  headers: IncomingHttpHeaders;
}
export interface Reply { status: number; body: unknown; headers?: Record<string, string> }
export interface Route { method: string; pattern: string; run(req: RouteRequest, store: OmsStore): Reply }

const fault = (status: number, errorCode: string, detail?: string): Reply => ({ status, body: detail ? { errorCode, detail } : { errorCode } });
const invalid = (detail: string): Reply => fault(400, 'REQ-INVALID', detail);

/** Thrown by the parsers below; the server turns it into its Reply. */
export class ReplyError extends Error {
  constructor(readonly reply: Reply) { super('reply'); }
}

function customerId(value: string | undefined): number {
  if (!value || !/^\d{1,12}$/.test(value)) throw new ReplyError(invalid('customerId must be numeric'));
  return Number(value);
}

function intParam(value: string | null | undefined, fallback: number, min: number, max: number, name: string): number {
  if (value === null || value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) throw new ReplyError(invalid(`${name} must be an integer in [${min}, ${max}]`));
  return n;
}

function cartReply(result: CartResult): Reply {
  switch (result.kind) {
    case 'ok': return { status: 200, body: result.cart };
    case 'unknown-product': return fault(422, 'PRD-UNKNOWN');
    case 'bad-qty': return fault(422, 'QTY-RANGE', `qty must be in [${OMS_LIMITS.minQty}, ${OMS_LIMITS.maxQty}]`);
    case 'unknown-line': return fault(404, 'LINE-404');
  }
}

const optionalId = (value: unknown, name: string): string | null => {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || value === '') throw new ReplyError(invalid(`${name} must be a string`));
  return value;
};

export const ROUTES: readonly Route[] = [
  {
    method: 'GET', pattern: '/oms/customers/:customerId/orders',
    run: (req, store) => {
      const offset = intParam(req.query.get('offset'), 0, 0, 1_000_000_000, 'offset');
      const limit = intParam(req.query.get('limit'), OMS_LIMITS.defaultPageSize, 0, OMS_LIMITS.maxPageSize, 'limit');
      return { status: 200, body: store.customerOrders(customerId(req.params['customerId']), offset, limit) };
    },
  },
  {
    method: 'GET', pattern: '/oms/orders/:orderId',
    run: (req, store) => {
      const order = store.order(req.params['orderId'] ?? '');
      return order ? { status: 200, body: order } : fault(404, 'ORD-404');
    },
  },
  {
    // Batch lookup: unknown ids are listed in notFound rather than failing the whole batch.
    method: 'GET', pattern: '/oms/orders',
    run: (req, store) => {
      const ids = (req.query.get('ids') ?? '').split(',').filter((id) => id !== '');
      if (ids.length === 0) return invalid('ids is required');
      if (ids.length > OMS_LIMITS.maxBatchIds) return invalid(`at most ${OMS_LIMITS.maxBatchIds} ids`);
      const found = ids.map((id) => store.order(id));
      return {
        status: 200,
        body: { orders: found.filter((o) => o !== undefined), notFound: ids.filter((_, i) => found[i] === undefined) },
      };
    },
  },
  {
    // Idempotent: an order already cancelled answers 200 with the order, unchanged.
    method: 'POST', pattern: '/oms/orders/:orderId/cancel',
    run: (req, store) => {
      const result = store.cancel(req.params['orderId'] ?? '');
      switch (result.kind) {
        case 'cancelled': return { status: 200, body: result.order };
        case 'not-cancellable': return fault(409, 'ORD-NOT-CANCELLABLE');
        case 'unknown': return fault(404, 'ORD-404');
      }
    },
  },
  {
    method: 'GET', pattern: '/oms/customers/:customerId/cart',
    run: (req, store) => ({ status: 200, body: store.cart(customerId(req.params['customerId'])) }),
  },
  {
    method: 'POST', pattern: '/oms/customers/:customerId/cart/lines',
    run: (req, store) => {
      const { productCode, qty } = req.body;
      if (typeof productCode !== 'string' || typeof qty !== 'number') return invalid('productCode and qty are required');
      return cartReply(store.addLine(customerId(req.params['customerId']), productCode, qty));
    },
  },
  {
    method: 'PATCH', pattern: '/oms/customers/:customerId/cart/lines/:lineNo',
    run: (req, store) => {
      const lineNo = intParam(req.params['lineNo'], 0, 1, 9999, 'lineNo');
      if (typeof req.body['qty'] !== 'number') return invalid('qty is required');
      return cartReply(store.setLineQty(customerId(req.params['customerId']), lineNo, req.body['qty']));
    },
  },
  {
    method: 'DELETE', pattern: '/oms/customers/:customerId/cart/lines/:lineNo',
    run: (req, store) => cartReply(store.removeLine(customerId(req.params['customerId']), intParam(req.params['lineNo'], 0, 1, 9999, 'lineNo'))),
  },
  {
    method: 'POST', pattern: '/oms/orders',
    run: (req, store) => {
      const key = req.headers['idempotency-key'];
      if (typeof key !== 'string' || key.trim() === '') return fault(400, 'IDEMPOTENCY-KEY-REQUIRED');
      const { channelCode } = req.body;
      if (!isChannelCode(channelCode)) return invalid('channelCode must be WEB, MOB, AGT or PTN');
      if (typeof req.body['customerId'] !== 'number' || !Number.isInteger(req.body['customerId'])) return invalid('customerId must be numeric');
      const result = store.placeOrder(key, {
        customerId: req.body['customerId'], channelCode,
        agentId: optionalId(req.body['agentId'], 'agentId'), partnerId: optionalId(req.body['partnerId'], 'partnerId'),
      });
      switch (result.kind) {
        case 'created': return { status: 201, body: result.order };
        case 'replayed': return { status: 200, body: result.order, headers: { 'idempotent-replayed': 'true' } };
        case 'mismatch': return fault(422, 'IDEMPOTENCY-MISMATCH', 'this Idempotency-Key was used with another request');
        case 'empty': return fault(409, 'CART-EMPTY');
      }
    },
  },
];
