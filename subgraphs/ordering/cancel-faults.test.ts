// cancelOrder when the OMS's cancel itself goes wrong, after the order was read: a fault, a hang, and the
// order completed in between (the OMS's ORD-NOT-CANCELLABLE). A small proxy in front of the OMS stand-in
// disturbs the cancel route only, so the read before it succeeds as it would in production.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { principals, type GraphQLResult } from '../../test/support/subgraph-client.ts';
import { ENTITY_EXTENSION, type EntityReport } from '../../contracts/entity-report.ts';
import { codes, startOrderingStack, TEST_TIMEOUT_MS, type OrderingStack } from '../../test/support/ordering-stack.ts';

type Mode = 'pass' | 'fault' | 'hang' | 'complete-first';
let mode: Mode = 'pass';
let proxy: Server;
let stack: OrderingStack;
let omsUrl = '';

/** Forwards to the OMS stand-in, except POST .../cancel, which `mode` disturbs. */
async function startProxy(): Promise<string> {
  proxy = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const cancelMatch = req.method === 'POST' ? /^\/oms\/orders\/([^/]+)\/cancel$/.exec(req.url ?? '') : null;
    if (cancelMatch && mode === 'hang') return; // never answers; the subgraph's timeout ends it
    if (cancelMatch && mode === 'fault') {
      res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ errorCode: 'SYS-500', detail: 'ORA-00060: deadlock detected' }));
      return;
    }
    if (cancelMatch && mode === 'complete-first') {
      await fetch(`${omsUrl}/__admin/orders/${cancelMatch[1]}/status`, { method: 'POST', body: JSON.stringify({ status: 30 }) });
    }
    const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
    const key = req.headers['idempotency-key'];
    const headers = { 'content-type': 'application/json', ...(typeof key === 'string' ? { 'idempotency-key': key } : {}) };
    const upstream = await fetch(omsUrl + req.url, { method: req.method, headers, ...(body ? { body } : {}) });
    res.writeHead(upstream.status, { 'content-type': 'application/json' }).end(await upstream.text());
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  // The proxy reads omsUrl per request: it can start before the OMS it forwards to.
  stack = await startOrderingStack({ omsUrl: await startProxy() });
  omsUrl = stack.oms.url;
});
afterAll(async () => {
  proxy.closeAllConnections();
  await new Promise((resolve) => proxy.close(resolve));
  await stack.stop();
});

const report = (result: GraphQLResult<unknown>): EntityReport | undefined =>
  (result as { extensions?: Record<string, EntityReport> }).extensions?.[ENTITY_EXTENSION];
const CANCEL = 'mutation($id: ID!) { cancelOrder(input: { orderId: $id }) { id state } }';

/** A fresh ACKNOWLEDGED order of a customer nobody else in this file touches. */
async function placeOrderFor(index: number): Promise<{ customerId: string; orderId: string }> {
  const customerId = String(stack.dataset.customers[index]?.id);
  const p = principals.customer(customerId);
  await stack.call(p, 'mutation { addCartItem(input: { productOfferingId: "PO-0002", quantity: 1 }) { id } }');
  const placed = await stack.call(p, `mutation { placeOrder(input: { idempotencyKey: "faults-${customerId}" }) { id } }`);
  return { customerId, orderId: placed.data?.placeOrder.id as string };
}

async function cancelIn(m: Mode, index: number): Promise<{ res: GraphQLResult; customerId: string; orderId: string }> {
  const { customerId, orderId } = await placeOrderFor(index);
  mode = m;
  try {
    return { res: await stack.call(principals.customer(customerId), CANCEL, { id: orderId }), customerId, orderId };
  } finally {
    mode = 'pass';
  }
}

describe('cancelOrder when the OMS cancel fails', () => {
  it('answers UPSTREAM_ERROR without the Oracle fault, and still invalidates the order and account (it may have changed)', async () => {
    const { res, customerId, orderId } = await cancelIn('fault', 70);
    expect(res.data?.cancelOrder).toBeNull();
    expect(codes(res)).toEqual(['UPSTREAM_ERROR']);
    expect(JSON.stringify(res.errors)).not.toMatch(/ORA-|deadlock|SYS-500|127\.0\.0\.1/);
    expect(report(res)?.invalidated).toEqual([`Customer:${customerId}`, `ProductOrder:${orderId}`]);
  });

  it('answers UPSTREAM_TIMEOUT within the timeout when the cancel hangs, invalidating the same', async () => {
    const started = Date.now();
    const { res, customerId, orderId } = await cancelIn('hang', 71);
    expect(Date.now() - started).toBeLessThan(TEST_TIMEOUT_MS * 6);
    expect(codes(res)).toEqual(['UPSTREAM_TIMEOUT']);
    expect(report(res)?.invalidated).toEqual([`Customer:${customerId}`, `ProductOrder:${orderId}`]);
  });

  it("maps the OMS's ORD-NOT-CANCELLABLE (the order completed after it was read) to CONFLICT", async () => {
    const { res, orderId } = await cancelIn('complete-first', 72);
    expect(res.errors?.map((e) => [e.extensions?.['code'], e.message])).toEqual([['CONFLICT', 'This order is completed and can no longer be cancelled.']]);
    expect(((await (await fetch(`${omsUrl}/oms/orders/${orderId}`)).json()) as { status: number }).status).toBe(30);
  });
});
