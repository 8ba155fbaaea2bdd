import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDataset } from '../common/dataset.ts';
import type { StandInHandle } from '../common/stand-in.ts';
import { startOms } from './server.ts';

const DATASET = { customers: 200, orders: 2000, invoices: 2400 };
const dataset = getDataset(DATASET);
let oms: StandInHandle;

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any; headers: Headers }> {
  const res = await fetch(oms.url + path, {
    method, headers: { 'content-type': 'application/json', ...headers },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: await res.json(), headers: res.headers };
}

/** A customer with at least `min` seeded orders. */
const customerWith = (min: number): number =>
  [...dataset.ordersByCustomer.entries()].find(([, list]) => list.length >= min)?.[0] as number;

beforeAll(async () => { oms = await startOms({ dataset: DATASET }); });
afterAll(async () => { await oms.close(); });

describe('OMS stand-in: orders', () => {
  it('lists a customer\'s orders newest first, with offset/limit paging and legacy formats', async () => {
    const customerId = customerWith(25);
    const seeded = dataset.ordersByCustomer.get(customerId) ?? [];
    const first = await call('GET', `/oms/customers/${customerId}/orders?offset=0&limit=10`);
    const second = await call('GET', `/oms/customers/${customerId}/orders?offset=10&limit=10`);
    expect(first.body.total).toBe(seeded.length);
    expect(first.body.orders.map((o: any) => o.orderId)).toEqual(seeded.slice(0, 10).map((o) => o.id));
    expect(second.body.orders.map((o: any) => o.orderId)).toEqual(seeded.slice(10, 20).map((o) => o.id));
    const order = first.body.orders[0];
    expect(order.customerId).toBe(customerId);
    expect(order.createdAt).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(order.createdAt.replace(' ', 'T')).toBe(seeded[0]?.createdAt.slice(0, 19));
    expect([10, 20, 30, 90]).toContain(order.status);
    expect(['WEB', 'MOB', 'AGT', 'PTN']).toContain(order.channelCode);
    expect(order.lines[0]).toEqual({
      lineNo: 1, productCode: seeded[0]?.lines[0]?.productCode, qty: seeded[0]?.lines[0]?.quantity, unitPrice: seeded[0]?.lines[0]?.unitPriceCents,
    });
  });

  it('refuses a page larger than 100 and a non-numeric customer', async () => {
    expect((await call('GET', `/oms/customers/${customerWith(1)}/orders?limit=101`)).status).toBe(400);
    expect((await call('GET', '/oms/customers/abc/orders')).status).toBe(400);
  });

  it('reads one order, a batch of orders, and answers ORD-404 for an unknown one', async () => {
    const [a, b] = dataset.orders;
    expect((await call('GET', `/oms/orders/${a?.id}`)).body.orderId).toBe(a?.id);
    const missing = await call('GET', '/oms/orders/ORD-9999999');
    expect(missing).toMatchObject({ status: 404, body: { errorCode: 'ORD-404' } });
    const batch = await call('GET', `/oms/orders?ids=${a?.id},ORD-9999999,${b?.id}`);
    expect(batch.body.orders.map((o: any) => o.orderId)).toEqual([a?.id, b?.id]);
    expect(batch.body.notFound).toEqual(['ORD-9999999']);
    const tooMany = Array.from({ length: 101 }, (_, i) => dataset.orders[i]?.id).join(',');
    expect((await call('GET', `/oms/orders?ids=${tooMany}`)).status).toBe(400);
  });

  it('advances an order through the admin route without counting it', async () => {
    const order = dataset.orders.at(-1);
    oms.resetStats();
    const res = await call('POST', `/__admin/orders/${order?.id}/status`, { status: 90 });
    expect(res.body.status).toBe(90);
    expect((await call('GET', `/oms/orders/${order?.id}`)).body.status).toBe(90);
    expect(order?.status).not.toBe(90); // the shared dataset record is untouched
    expect((await call('POST', `/__admin/orders/${order?.id}/status`, { status: 42 })).status).toBe(400);
    expect(oms.stats().total).toBe(1);
  });
});

describe('OMS stand-in: carts and orders placed', () => {
  const customerId = dataset.customers[5]?.id as number;
  const [p1, p2] = dataset.offerings;

  it('gives an empty cart with a stable id, merges lines of one product and prices them itself', async () => {
    const empty = await call('GET', `/oms/customers/${customerId}/cart`);
    expect(empty.body).toMatchObject({ customerId, lines: [] });
    await call('POST', `/oms/customers/${customerId}/cart/lines`, { productCode: p1?.code, qty: 2 });
    await call('POST', `/oms/customers/${customerId}/cart/lines`, { productCode: p2?.code, qty: 1 });
    const merged = await call('POST', `/oms/customers/${customerId}/cart/lines`, { productCode: p1?.code, qty: 3 });
    expect(merged.body.cartId).toBe(empty.body.cartId);
    expect(merged.body.lines).toEqual([
      { lineNo: 1, productCode: p1?.code, qty: 5, unitPrice: p1?.priceCents },
      { lineNo: 2, productCode: p2?.code, qty: 1, unitPrice: p2?.priceCents },
    ]);
  });

  it('refuses unknown products and quantities out of 1..99', async () => {
    expect((await call('POST', `/oms/customers/${customerId}/cart/lines`, { productCode: 'PO-9999', qty: 1 })).body).toEqual({ errorCode: 'PRD-UNKNOWN' });
    expect((await call('POST', `/oms/customers/${customerId}/cart/lines`, { productCode: p1?.code, qty: 0 })).status).toBe(422);
    expect((await call('POST', `/oms/customers/${customerId}/cart/lines`, { productCode: p1?.code, qty: 95 })).status).toBe(422);
    expect((await call('PATCH', `/oms/customers/${customerId}/cart/lines/1`, { qty: 100 })).status).toBe(422);
  });

  it('updates, removes (qty 0 or DELETE) and 404s unknown lines', async () => {
    expect((await call('PATCH', `/oms/customers/${customerId}/cart/lines/1`, { qty: 7 })).body.lines[0].qty).toBe(7);
    expect((await call('PATCH', `/oms/customers/${customerId}/cart/lines/2`, { qty: 0 })).body.lines).toHaveLength(1);
    expect((await call('DELETE', `/oms/customers/${customerId}/cart/lines/2`)).body).toEqual({ errorCode: 'LINE-404' });
    await call('DELETE', `/oms/customers/${customerId}/cart/lines/1`);
    expect((await call('GET', `/oms/customers/${customerId}/cart`)).body.lines).toEqual([]);
  });

  it('needs an Idempotency-Key and a non-empty cart', async () => {
    const body = { customerId, channelCode: 'WEB' };
    expect((await call('POST', '/oms/orders', body)).status).toBe(400);
    expect(await call('POST', '/oms/orders', body, { 'idempotency-key': 'empty-cart-1' })).toMatchObject({ status: 409, body: { errorCode: 'CART-EMPTY' } });
  });

  it('creates ONE order for two concurrent POSTs with one key, replays it, and refuses a different body', async () => {
    const before = (await call('GET', `/oms/customers/${customerId}/orders?limit=1`)).body.total;
    await call('POST', `/oms/customers/${customerId}/cart/lines`, { productCode: p2?.code, qty: 2 });
    const body = { customerId, channelCode: 'AGT', agentId: 'A001' };
    const headers = { 'idempotency-key': 'checkout-0001' };
    const [a, b] = await Promise.all([call('POST', '/oms/orders', body, headers), call('POST', '/oms/orders', body, headers)]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(a.body.orderId).toBe(b.body.orderId);
    expect([a, b].find((r) => r.status === 200)?.headers.get('idempotent-replayed')).toBe('true');
    expect(a.body).toMatchObject({ status: 10, channelCode: 'AGT', agentId: 'A001', lines: [{ lineNo: 1, productCode: p2?.code, qty: 2 }] });
    expect(a.body.orderId).toBe(`ORD-${String(dataset.orders.length + 1).padStart(7, '0')}`);

    const listing = (await call('GET', `/oms/customers/${customerId}/orders?limit=1`)).body;
    expect(listing.total).toBe(before + 1);
    expect(listing.orders[0].orderId).toBe(a.body.orderId);
    expect((await call('GET', `/oms/customers/${customerId}/cart`)).body.lines).toEqual([]);

    const mismatch = await call('POST', '/oms/orders', { ...body, channelCode: 'WEB' }, headers);
    expect(mismatch).toMatchObject({ status: 422, body: { errorCode: 'IDEMPOTENCY-MISMATCH' } });
    expect((await call('GET', `/oms/orders?ids=${a.body.orderId}`)).body.orders).toHaveLength(1);
  });
});

describe('OMS stand-in: cancellation', () => {
  /** A seeded order in a given status that no other test of this file touches (the admin test takes the last). */
  const seededIn = (status: number, skip = 0) => dataset.orders.slice(0, -1).filter((o) => o.status === status)[skip];

  it('cancels acknowledged and in-progress seeded orders (90), in the listing too, without touching the dataset', async () => {
    for (const status of [10, 20]) {
      const order = seededIn(status)!;
      const res = await call('POST', `/oms/orders/${order.id}/cancel`);
      expect(res).toMatchObject({ status: 200, body: { orderId: order.id, customerId: order.customerId, status: 90 } });
      expect(res.body.lines).toHaveLength(order.lines.length);
      expect((await call('GET', `/oms/orders/${order.id}`)).body.status).toBe(90);
      const listing = (await call('GET', `/oms/customers/${order.customerId}/orders?limit=100`)).body.orders;
      expect(listing.find((o: any) => o.orderId === order.id).status).toBe(90);
      expect(order.status).toBe(status); // the shared dataset record is untouched
    }
  });

  it('answers 200 again for an order already cancelled, unchanged', async () => {
    const order = seededIn(10, 1)!;
    const first = await call('POST', `/oms/orders/${order.id}/cancel`);
    const again = await call('POST', `/oms/orders/${order.id}/cancel`);
    expect(again).toMatchObject({ status: 200, body: first.body });
    const seededCancelled = seededIn(90)!;
    expect(await call('POST', `/oms/orders/${seededCancelled.id}/cancel`)).toMatchObject({ status: 200, body: { status: 90 } });
  });

  it('refuses a completed order with 409 ORD-NOT-CANCELLABLE, and an unknown one with 404 ORD-404', async () => {
    const completed = seededIn(30)!;
    expect(await call('POST', `/oms/orders/${completed.id}/cancel`)).toMatchObject({ status: 409, body: { errorCode: 'ORD-NOT-CANCELLABLE' } });
    expect((await call('GET', `/oms/orders/${completed.id}`)).body.status).toBe(30);
    expect(await call('POST', '/oms/orders/ORD-9999999/cancel')).toMatchObject({ status: 404, body: { errorCode: 'ORD-404' } });
  });

  it('cancels an order placed in this process, and counts the cancel route', async () => {
    const customerId = dataset.customers[7]?.id as number;
    await call('POST', `/oms/customers/${customerId}/cart/lines`, { productCode: dataset.offerings[0]?.code, qty: 1 });
    const placed = await call('POST', '/oms/orders', { customerId, channelCode: 'MOB' }, { 'idempotency-key': 'cancel-me-0001' });
    expect(placed.body.status).toBe(10);
    oms.resetStats();
    const cancelled = await call('POST', `/oms/orders/${placed.body.orderId}/cancel`);
    expect(cancelled.body).toEqual({ ...placed.body, status: 90 });
    expect((await call('GET', `/oms/customers/${customerId}/orders?limit=1`)).body.orders[0]).toMatchObject({ orderId: placed.body.orderId, status: 90 });
    expect(oms.stats().byRoute).toMatchObject({ 'POST /oms/orders/:orderId/cancel': 1 });
    // A replay of the checkout returns the order as it is now: cancelled, not a new one.
    const replayed = await call('POST', '/oms/orders', { customerId, channelCode: 'MOB' }, { 'idempotency-key': 'cancel-me-0001' });
    expect(replayed.body).toMatchObject({ orderId: placed.body.orderId, status: 90 });
  });
});

describe('OMS stand-in: knobs and counters', () => {
  it('counts requests per route', async () => {
    oms.resetStats();
    const customerId = customerWith(1);
    await call('GET', `/oms/customers/${customerId}/orders`);
    await call('GET', `/oms/customers/${customerId}/orders?offset=20`);
    await call('GET', `/oms/orders/${dataset.orders[0]?.id}`);
    expect(oms.stats()).toMatchObject({
      total: 3, byRoute: { 'GET /oms/customers/:customerId/orders': 2, 'GET /oms/orders/:orderId': 1 },
    });
  });

  it('fails like the OMS: 500 with an Oracle fault', async () => {
    oms.setKnobs({ errorRate: 1 });
    try {
      const res = await call('GET', `/oms/orders/${dataset.orders[0]?.id}`);
      expect(res).toMatchObject({ status: 500, body: { errorCode: 'SYS-500' } });
      expect(res.body.detail).toContain('ORA-00060');
    } finally {
      oms.setKnobs({ errorRate: 0 });
    }
  });
});

describe('OMS stand-in: default dataset', () => {
  it('serves the default-size world', async () => {
    const full = await startOms();
    try {
      const res = await fetch(`${full.url}/oms/orders/ORD-0050000`);
      expect(((await res.json()) as { orderId: string }).orderId).toBe('ORD-0050000');
    } finally {
      await full.close();
    }
  });
});
