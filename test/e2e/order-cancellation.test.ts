// Cancelling an order end to end, with two gateway replicas sharing a real Redis response cache: the mobile
// app reads an order through replica A (cached), the customer cancels it through replica B, and A shows it
// cancelled at once (read-your-writes across replicas). A completed order refuses with CONFLICT, and then
// nothing is invalidated or changed; another customer's order answers as an unknown one (NOT_FOUND).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadClientOperations } from '../../clients/operations.ts';
import { loadGatewayConfig } from '../../gateway/config.ts';
import { startGateway, type RunningGateway } from '../../gateway/server.ts';
import { gatewayConfigFor } from '../../dev/stack/stack.ts';
import { postJson, type GraphQLResponse } from '../support/http.ts';
import { redisUp, TEST_REDIS_URL } from '../support/redis.ts';
import { customerWith, errorCodes, startE2E, type E2E } from './harness.ts';

const MOBILE = loadClientOperations().filter((op) => op.channel === 'mobile');
const operation = (name: string): string => MOBILE.find((op) => op.name === name)?.source ?? '';
const ORDERS_OF_ME = '{ me { orders(first: 1) { totalCount nodes { id state } } } }';

/** A counter of a gateway's metrics, read on its admin listener. */
const metric = async (adminUrl: string, name: string): Promise<number> =>
  Number(new RegExp(`^${name} (\\d+)$`, 'm').exec(await (await fetch(`${adminUrl}/metrics`)).text())?.[1] ?? NaN);

describe.skipIf(!redisUp)('order cancellation across gateway replicas (real Redis)', () => {
  let e2e: E2E;
  let replicaB: RunningGateway;
  let replicaA = '';

  beforeAll(async () => {
    const gateway = { cache: { redisUrl: TEST_REDIS_URL, keyPrefix: `passerelle-test:${randomUUID()}:` } };
    e2e = await startE2E({ gateway });
    replicaA = e2e.stack.gateway.url;
    replicaB = await startGateway(loadGatewayConfig(gatewayConfigFor(e2e.stack, { port: 0, gateway })));
  });
  afterAll(async () => { await replicaB.stop(); await e2e.stack.stop(); });

  /** The mobile app of a signed-in user, on the given replica. */
  async function mobileOf(user: string): Promise<(url: string, query: string, variables?: Record<string, unknown>) => Promise<GraphQLResponse>> {
    const headers = {
      authorization: `Bearer ${await e2e.stack.idp.tokenFor(user, { client: 'passerelle-mobile' })}`,
      'apollographql-client-name': 'passerelle-mobile', 'apollographql-client-version': '2.1.0',
    };
    return (url, query, variables = {}) => postJson(url, { query, variables }, headers);
  }

  it('cancels through replica B, and replica A answers CANCELLED at once instead of its cached ACKNOWLEDGED', async () => {
    const customer = customerWith(e2e.dataset, { orders: 2 });
    const mobile = await mobileOf(`customer:${customer.id}`);
    await mobile(replicaA, 'mutation { addCartItem(input: { productOfferingId: "PO-0003", quantity: 2 }) { id } }');
    const placed = await mobile(replicaA, `mutation { placeOrder(input: { idempotencyKey: "${randomUUID()}" }) { id state } }`);
    const orderId = placed.body.data.placeOrder.id as string;
    expect(placed.body.data.placeOrder.state).toBe('ACKNOWLEDGED');

    // Replica A reads and caches the order and the account's newest order; a second read costs the OMS nothing.
    const tracking = await mobile(replicaA, operation('OrderTracking'), { orderId });
    expect(tracking.body.errors).toBeUndefined();
    expect(tracking.body.data.productOrder).toMatchObject({ id: orderId, state: 'ACKNOWLEDGED' });
    expect(tracking.headers.get('cache-control')).toMatch(/^max-age=\d+, private$/);
    expect((await mobile(replicaA, ORDERS_OF_ME)).body.data.me.orders.nodes).toEqual([{ id: orderId, state: 'ACKNOWLEDGED' }]);
    e2e.stack.resetLegacyCalls();
    expect((await mobile(replicaA, operation('OrderTracking'), { orderId })).body).toEqual(tracking.body);
    expect((await mobile(replicaA, ORDERS_OF_ME)).body.data.me.orders.nodes[0].state).toBe('ACKNOWLEDGED');
    expect(e2e.stack.legacyCalls().oms).toBe(0);

    const cancelled = await mobile(replicaB.url, operation('CancelOrder'), { orderId });
    expect(cancelled.body.errors).toBeUndefined();
    expect(cancelled.body.data.cancelOrder).toMatchObject({ id: orderId, state: 'CANCELLED' });

    // At once, on the other replica: the order and the account's order list, read again from the OMS.
    e2e.stack.resetLegacyCalls();
    const after = await mobile(replicaA, operation('OrderTracking'), { orderId });
    expect(after.body.data.productOrder).toEqual({ ...tracking.body.data.productOrder, state: 'CANCELLED' });
    expect((await mobile(replicaA, ORDERS_OF_ME)).body.data.me.orders.nodes).toEqual([{ id: orderId, state: 'CANCELLED' }]);
    expect(e2e.stack.legacyCalls().oms).toBeGreaterThanOrEqual(2);
  });

  it('refuses a completed order with CONFLICT: the OMS order is unchanged and the cached read stays valid', async () => {
    const completed = e2e.dataset.orders.find((o) => o.status === 30 && o.channel === 'mobile') ?? e2e.dataset.orders.find((o) => o.status === 30);
    const orderId = completed?.id as string;
    const mobile = await mobileOf(`customer:${completed?.customerId}`);
    const tracking = await mobile(replicaA, operation('OrderTracking'), { orderId });
    expect(tracking.body.errors).toBeUndefined();
    expect(tracking.body.data.productOrder.state).toBe('COMPLETED');
    const invalidatedBefore = await metric(replicaB.adminUrl, 'passerelle_response_cache_invalidated_total');

    const refused = await mobile(replicaB.url, operation('CancelOrder'), { orderId });
    expect(refused.body.data.cancelOrder).toBeNull();
    expect(errorCodes(refused)).toEqual({ cancelOrder: 'CONFLICT' });
    expect(refused.body.errors[0].message).toBe('This order is completed and can no longer be cancelled.');

    expect(await metric(replicaB.adminUrl, 'passerelle_response_cache_invalidated_total')).toBe(invalidatedBefore);
    e2e.stack.resetLegacyCalls();
    expect((await mobile(replicaA, operation('OrderTracking'), { orderId })).body).toEqual(tracking.body);
    expect(e2e.stack.legacyCalls().oms).toBe(0); // still the cached entry: nothing was invalidated
    const oms = await (await fetch(`${e2e.stack.legacy.oms.url}/oms/orders/${orderId}`)).json() as { status: number };
    expect(oms.status).toBe(30);
  });

  it("answers another customer's order exactly as an unknown one: NOT_FOUND, nothing changed or invalidated", async () => {
    const order = e2e.dataset.orders.find((o) => o.status === 10)!;
    const other = e2e.dataset.customers.find((c) => c.id !== order.customerId)!;
    const mobile = await mobileOf(`customer:${other.id}`);
    const invalidatedBefore = await metric(replicaB.url, 'passerelle_response_cache_invalidated_total');

    const refused = await mobile(replicaB.url, operation('CancelOrder'), { orderId: order.id });
    expect(refused.body.data.cancelOrder).toBeNull();
    expect(errorCodes(refused)).toEqual({ cancelOrder: 'NOT_FOUND' });
    const unknown = await mobile(replicaB.url, operation('CancelOrder'), { orderId: 'ORD-9999999' });
    expect({ status: refused.status, body: refused.body }).toEqual({ status: unknown.status, body: unknown.body });

    expect(await metric(replicaB.url, 'passerelle_response_cache_invalidated_total')).toBe(invalidatedBefore);
    const oms = await (await fetch(`${e2e.stack.legacy.oms.url}/oms/orders/${order.id}`)).json() as { status: number };
    expect(oms.status).toBe(10);
  });
});
