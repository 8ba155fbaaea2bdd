// cancelOrder at the ordering subgraph, against the OMS stand-in: who may cancel what (decided on the order
// the OMS returns, before its cancel is called), the OMS's rules (completed orders stay, a retry is harmless),
// and what the gateway is told to invalidate.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../contracts/principal.ts';
import { principals, type GraphQLResult } from '../../test/support/subgraph-client.ts';
import { ENTITY_EXTENSION, type EntityReport } from '../../contracts/entity-report.ts';
import { notFoundMessage } from '../runtime/authorization/not-found.ts';
import { codes, startOrderingStack, type OrderingStack } from '../../test/support/ordering-stack.ts';

let stack: OrderingStack;
beforeAll(async () => { stack = await startOrderingStack(); });
afterAll(async () => { await stack.stop(); });

const CANCEL = 'mutation($input: CancelOrderInput!) { cancelOrder(input: $input) { id state itemCount total { amount currency } customer { id } } }';
const CANCEL_ROUTE = 'POST /oms/orders/:orderId/cancel';

const report = (result: GraphQLResult<unknown>): EntityReport | undefined =>
  (result as { extensions?: Record<string, EntityReport> }).extensions?.[ENTITY_EXTENSION];
const omsStatus = async (orderId: string): Promise<number> =>
  ((await (await fetch(`${stack.oms.url}/oms/orders/${orderId}`)).json()) as { status: number }).status;
/** A customer of the small dataset nobody else in this file touches. */
const customer = (index: number): string => String(stack.dataset.customers[index]?.id);

/** A fresh ACKNOWLEDGED order of this customer, placed through the subgraph. */
async function placeOrderFor(customerId: string): Promise<string> {
  const p = principals.customer(customerId);
  await stack.call(p, 'mutation { addCartItem(input: { productOfferingId: "PO-0001", quantity: 2 }) { id } }');
  const placed = await stack.call(p, `mutation { placeOrder(input: { idempotencyKey: "cancel-test-${customerId}" }) { id state } }`);
  expect(placed.data?.placeOrder.state).toBe('ACKNOWLEDGED');
  return placed.data?.placeOrder.id as string;
}

const cancel = (p: Principal, orderId: string) => stack.call(p, CANCEL, { input: { orderId } });

describe('cancelOrder', () => {
  it("lets a customer cancel their own acknowledged order: one read and one cancel at the OMS, order and account invalidated", async () => {
    const id = customer(60);
    const orderId = await placeOrderFor(id);
    stack.oms.resetStats();
    const res = await cancel(principals.customer(id), orderId);
    expect(res.errors).toBeUndefined();
    expect(res.data?.cancelOrder).toEqual({ id: orderId, state: 'CANCELLED', itemCount: 2, total: expect.objectContaining({ currency: 'EUR' }), customer: { id } });
    expect(stack.oms.stats().byRoute).toEqual({ 'GET /oms/orders': 1, [CANCEL_ROUTE]: 1 });
    expect(await omsStatus(orderId)).toBe(90);
    expect(report(res)).toEqual({ returned: [`ProductOrder:${orderId}`, `Customer:${id}`], invalidated: [`Customer:${id}`, `ProductOrder:${orderId}`] });

    // A retry (after a timeout, say) answers the same cancelled order.
    const again = await cancel(principals.customer(id), orderId);
    expect(again.data?.cancelOrder).toEqual(res.data?.cancelOrder);
  });

  it("lets an agent cancel any customer's order in progress", async () => {
    const inProgress = stack.dataset.orders.find((o) => o.status === 20)!;
    const res = await cancel(principals.agent(), inProgress.id);
    expect(res.errors).toBeUndefined();
    expect(res.data?.cancelOrder).toMatchObject({ id: inProgress.id, state: 'CANCELLED', customer: { id: String(inProgress.customerId) } });
    expect(await omsStatus(inProgress.id)).toBe(90);
  });

  it("answers another customer's order exactly as an unknown one (NOT_FOUND), before the OMS cancel, invalidating nothing", async () => {
    const orderId = await placeOrderFor(customer(61));
    stack.oms.resetStats();
    const res = await cancel(principals.customer(customer(62)), orderId);
    expect(res.data?.cancelOrder).toBeNull();
    expect(res.errors).toEqual([{ message: notFoundMessage('ProductOrder'), locations: expect.any(Array), path: ['cancelOrder'], extensions: { code: 'NOT_FOUND' } }]);
    expect(stack.oms.stats().byRoute[CANCEL_ROUTE]).toBeUndefined();
    expect(report(res)).toBeUndefined();
    expect(await omsStatus(orderId)).toBe(10);
    const missing = await cancel(principals.customer(customer(62)), 'ORD-9999999');
    expect({ status: res.status, data: res.data, errors: res.errors }).toEqual({ status: missing.status, data: missing.data, errors: missing.errors });
  });

  it("answers another customer's completed order as unknown too, never CONFLICT (which would tell it exists)", async () => {
    const completed = stack.dataset.orders.find((o) => o.status === 30)!;
    const res = await cancel(principals.customer(String(completed.customerId + 1)), completed.id);
    expect(res.errors?.map((e) => [e.extensions?.['code'], e.message])).toEqual([['NOT_FOUND', notFoundMessage('ProductOrder')]]);
    expect(await omsStatus(completed.id)).toBe(30);
  });

  it('refuses a completed order with CONFLICT and a clear message, without asking the OMS to cancel it', async () => {
    const completed = stack.dataset.orders.find((o) => o.status === 30)!;
    stack.oms.resetStats();
    const res = await cancel(principals.customer(String(completed.customerId)), completed.id);
    expect(res.data?.cancelOrder).toBeNull();
    expect(res.errors?.map((e) => [e.extensions?.['code'], e.message])).toEqual([['CONFLICT', 'This order is completed and can no longer be cancelled.']]);
    expect(stack.oms.stats().byRoute[CANCEL_ROUTE]).toBeUndefined();
    expect(report(res)).toBeUndefined();
    expect(await omsStatus(completed.id)).toBe(30);
  });

  it('answers NOT_FOUND for an unknown order and BAD_USER_INPUT for a malformed id (no OMS call)', async () => {
    expect(codes(await cancel(principals.agent(), 'ORD-9999999'))).toEqual(['NOT_FOUND']);
    stack.oms.resetStats();
    const bad = await cancel(principals.agent(), '../orders,ORD-0000001');
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'orderId' });
    expect(stack.oms.stats().total).toBe(0);
  });
});
