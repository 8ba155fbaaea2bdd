// Scenario 2 (multichannel order, as far as the cart and placeOrder go): a customer fills a cart on the
// web, sees the same cart on mobile, and a customer-service agent places the order for them; a retried
// placeOrder never creates a second order, and the order shows on mobile at once.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerWith, errorCodes, startE2E, type E2E } from './harness.ts';

const AGENT_CART = `query AgentCart($customerId: ID!) {
  customer(id: $customerId) { id displayName cart { id itemCount items { quantity productOffering { id } } } orders(first: 1) { totalCount } }
}`;
const AGENT_PLACE_ORDER = `mutation AgentPlaceOrder($customerId: ID!, $key: String!) {
  placeOrder(input: { customerId: $customerId, idempotencyKey: $key }) { id state channel itemCount total { amount currency } }
}`;

describe('scenario 2: multichannel order', () => {
  let e2e: E2E;
  beforeAll(async () => { e2e = await startE2E(); });
  afterAll(() => e2e.stack.stop());

  it('web cart, same cart on mobile, agent places the order once, mobile sees it at once', async () => {
    const customer = customerWith(e2e.dataset, { orders: 3 });
    const id = String(customer.id);
    const web = await e2e.as(`customer:${id}`, 'web');
    const mobile = await e2e.as(`customer:${id}`, 'mobile');
    const agent = await e2e.as('agent', 'agent');
    const [first, second] = e2e.dataset.offerings;

    // On the web: two of one offering, then one of another.
    expect((await web.run('AddToCart', { productOfferingId: first?.code, quantity: 2 })).body.data.addCartItem.itemCount).toBe(2);
    const added = await web.run('AddToCart', { productOfferingId: second?.code, quantity: 1 });
    expect(added.body.errors).toBeUndefined();
    expect(added.body.data.addCartItem.itemCount).toBe(3);

    // On mobile: the same cart, with availability from the ERP.
    const mobileCart = (await mobile.run('MobileCart')).body.data.me.cart;
    expect(mobileCart.id).toBe(added.body.data.addCartItem.id);
    expect(mobileCart.items.map((i: { productOffering: { id: string } }) => i.productOffering.id)).toEqual([first?.code, second?.code]);
    expect(mobileCart.items[0].productOffering.availability.status).toMatch(/^(IN_STOCK|LOW_STOCK|OUT_OF_STOCK)$/);

    // The agent sees the customer's cart and places the order on their behalf, twice with one key.
    const seen = (await agent.run(AGENT_CART, { customerId: id })).body.data.customer;
    expect(seen.cart.itemCount).toBe(3);
    const ordersBefore = seen.orders.totalCount;
    const key = `agent-${randomUUID()}`;
    const placed = await agent.run(AGENT_PLACE_ORDER, { customerId: id, key });
    expect(placed.body.errors).toBeUndefined();
    const order = placed.body.data.placeOrder;
    expect(order).toMatchObject({ state: 'ACKNOWLEDGED', channel: 'AGENT', itemCount: 3 });
    const retried = await agent.run(AGENT_PLACE_ORDER, { customerId: id, key });
    expect(retried.body.data.placeOrder.id).toBe(order.id);

    // Mobile sees the new order first, at once; only one order was created; the cart is empty.
    const home = (await mobile.run('AccountHome')).body.data.me;
    expect(home.orders.nodes[0].id).toBe(order.id);
    expect(home.orders.totalCount).toBe(ordersBefore + 1);
    expect((await mobile.run('MobileCart')).body.data.me.cart.itemCount).toBe(0);
    const tracking = (await mobile.run('OrderTracking', { orderId: order.id })).body.data.productOrder;
    expect(tracking).toMatchObject({ id: order.id, state: 'ACKNOWLEDGED', bill: null });
  });

  it('keeps customers apart: another customer cannot read or place on this account', async () => {
    const victim = customerWith(e2e.dataset, { orders: 40 });
    const other = await e2e.as('customer', 'web');
    const read = await other.run(AGENT_CART, { customerId: String(victim.id) });
    expect(read.body.data.customer).toBeNull();
    expect(Object.values(errorCodes(read))).toContain('NOT_FOUND');
    const placed = await other.run(AGENT_PLACE_ORDER, { customerId: String(victim.id), key: `x-${randomUUID()}` });
    expect(placed.body.data.placeOrder).toBeNull();
    expect(errorCodes(placed)).toEqual({ placeOrder: 'FORBIDDEN' });
  });

  it('refuses a reused idempotency key for a different order with CONFLICT', async () => {
    const customer = customerWith(e2e.dataset, { orders: 4 });
    const web = await e2e.as(`customer:${customer.id}`, 'web');
    const key = `web-${randomUUID()}`;
    await web.run('AddToCart', { productOfferingId: e2e.dataset.offerings[5]?.code, quantity: 1 });
    expect((await web.run('Checkout', { idempotencyKey: key })).body.data.placeOrder.id).toMatch(/^ORD-/);
    await web.run('AddToCart', { productOfferingId: e2e.dataset.offerings[6]?.code, quantity: 1 });
    const agent = await e2e.as('agent', 'agent');
    // Same key, different request (placed by an agent, not the customer): refused, no second order.
    const reused = await agent.run(AGENT_PLACE_ORDER, { customerId: String(customer.id), key });
    expect(errorCodes(reused)).toEqual({ placeOrder: 'CONFLICT' });
  });
});
