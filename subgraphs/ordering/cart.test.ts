import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { principals } from '../../test/support/subgraph-client.ts';
import type { Principal } from '../../contracts/principal.ts';
import { moneyFromCents } from '../runtime/shared-types/money.ts';
import { codes, startOrderingStack, type OrderingStack } from '../../test/support/ordering-stack.ts';

let stack: OrderingStack;
beforeAll(async () => { stack = await startOrderingStack(); });
afterAll(async () => { await stack.stop(); });

const CART = 'id itemCount total { amount currency } items { id quantity productOffering { id } unitPrice { amount } total { amount } }';
const ADD = `mutation($input: AddCartItemInput!) { addCartItem(input: $input) { ${CART} } }`;
const UPDATE = `mutation($input: UpdateCartItemQuantityInput!) { updateCartItemQuantity(input: $input) { ${CART} } }`;
const REMOVE = `mutation($input: RemoveCartItemInput!) { removeCartItem(input: $input) { ${CART} } }`;
const PLACE = `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id state channel itemCount total { amount } customer { id } items { productOffering { id } quantity } } }`;
const CUSTOMER_CART = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Customer { cart { ${CART} } } } }`;

/** A customer of the small dataset nobody else in this file touches. */
const customer = (index: number): string => String(stack.dataset.customers[index]?.id);
const omsOrderCount = async (customerId: string): Promise<number> =>
  ((await (await fetch(`${stack.oms.url}/oms/customers/${customerId}/orders?limit=0`)).json()) as { total: number }).total;
const asWeb = (p: Principal): Principal => ({ ...p, channel: 'web' });

describe('cart', () => {
  it('adds, merges, updates and removes items; every channel sees the same cart', async () => {
    const id = customer(10);
    const [a, b] = stack.dataset.offerings;
    const web = asWeb(principals.customer(id));
    await stack.call(web, ADD, { input: { productOfferingId: a!.code, quantity: 2 } });
    await stack.call(web, ADD, { input: { productOfferingId: b!.code, quantity: 1, customerId: id } });
    const merged = await stack.call(web, ADD, { input: { productOfferingId: a!.code, quantity: 1 } });
    const cart = merged.data?.addCartItem;
    expect(cart.items.map((i: any) => [i.id, i.productOffering.id, i.quantity])).toEqual([[`${id}:1`, a!.code, 3], [`${id}:2`, b!.code, 1]]);
    expect(cart.itemCount).toBe(4);
    expect(cart.total).toEqual(moneyFromCents(3 * a!.priceCents + b!.priceCents, 'EUR'));
    expect(cart.items[0].unitPrice.amount).toBe(moneyFromCents(a!.priceCents, 'EUR').amount);

    // The mobile app and the agent desk read the very same cart.
    const mobile = await stack.call(principals.customer(id), CUSTOMER_CART, { reps: [{ __typename: 'Customer', id }] });
    const agent = await stack.call(principals.agent(), CUSTOMER_CART, { reps: [{ __typename: 'Customer', id }] });
    expect(mobile.data?._entities[0].cart).toEqual(cart);
    expect(agent.data?._entities[0].cart).toEqual(cart);

    const updated = await stack.call(web, UPDATE, { input: { itemId: `${id}:1`, quantity: 5 } });
    expect(updated.data?.updateCartItemQuantity.items[0].quantity).toBe(5);
    const zeroed = await stack.call(web, UPDATE, { input: { itemId: `${id}:2`, quantity: 0 } });
    expect(zeroed.data?.updateCartItemQuantity.items).toHaveLength(1);
    const removed = await stack.call(web, REMOVE, { input: { itemId: `${id}:1` } });
    expect(removed.data?.removeCartItem).toMatchObject({ items: [], itemCount: 0, total: { amount: '0.00', currency: 'EUR' } });
  });

  it('refuses bad quantities and ids with BAD_USER_INPUT before any OMS call', async () => {
    const p = principals.customer(customer(11));
    const code = stack.dataset.offerings[0]!.code;
    stack.oms.resetStats();
    const results = await Promise.all([
      stack.call(p, ADD, { input: { productOfferingId: code, quantity: 0 } }),
      stack.call(p, ADD, { input: { productOfferingId: code, quantity: 100 } }),
      stack.call(p, ADD, { input: { productOfferingId: '../admin', quantity: 1 } }),
      stack.call(p, UPDATE, { input: { itemId: `${customer(11)}:1`, quantity: -1 } }),
    ]);
    expect(results.flatMap(codes)).toEqual(['BAD_USER_INPUT', 'BAD_USER_INPUT', 'BAD_USER_INPUT', 'BAD_USER_INPUT']);
    expect(stack.oms.stats().total).toBe(0);
  });

  it('maps the OMS refusals: unknown product, merged quantity over 99, unknown item', async () => {
    const p = principals.customer(customer(12));
    const code = stack.dataset.offerings[0]!.code;
    expect(codes(await stack.call(p, ADD, { input: { productOfferingId: 'PO-9999', quantity: 1 } }))).toEqual(['BAD_USER_INPUT']);
    await stack.call(p, ADD, { input: { productOfferingId: code, quantity: 60 } });
    expect(codes(await stack.call(p, ADD, { input: { productOfferingId: code, quantity: 60 } }))).toEqual(['BAD_USER_INPUT']);
    const missing = await stack.call(p, REMOVE, { input: { itemId: `${customer(12)}:77` } });
    expect(codes(missing)).toEqual(['NOT_FOUND']);
    // An item id of another customer's cart is not in this cart: answered exactly as a missing item (code,
    // message, path, argument, null), and that cart is untouched.
    const anothers = await stack.call(p, REMOVE, { input: { itemId: `${customer(10)}:1` } });
    expect({ status: anothers.status, data: anothers.data, errors: anothers.errors }).toEqual({ status: missing.status, data: missing.data, errors: missing.errors });
  });

  it('lets a customer act on their own cart only, and reads carts only for them and agents', async () => {
    const res = await stack.call(principals.customer(customer(13)), ADD, { input: { productOfferingId: 'PO-0001', quantity: 1, customerId: customer(14) } });
    expect(res.data?.addCartItem).toBeNull();
    expect(codes(res)).toEqual(['FORBIDDEN']);
    // Another's account reads as a missing one; naming it in a mutation is FORBIDDEN whatever the id.
    const read = await stack.call(principals.customer(customer(13)), CUSTOMER_CART, { reps: [{ __typename: 'Customer', id: customer(14) }] });
    expect(codes(read)).toEqual(['NOT_FOUND']);
    const unknown = await stack.call(principals.customer(customer(13)), ADD, { input: { productOfferingId: 'PO-0001', quantity: 1, customerId: '999999999' } });
    expect(unknown.errors).toEqual(res.errors);
    expect(codes(await stack.call(principals.partner('P001'), CUSTOMER_CART, { reps: [{ __typename: 'Customer', id: customer(14) }] }))).toEqual(['FORBIDDEN']);
    expect(codes(await stack.call(principals.anonymous(), ADD, { input: { productOfferingId: 'PO-0001', quantity: 1 } }))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await stack.call(principals.agent(), ADD, { input: { productOfferingId: 'PO-0001', quantity: 1 } }))).toEqual(['BAD_USER_INPUT']);
  });
});

describe('placeOrder', () => {
  it('creates one order for one key, even sent twice at once, and empties the cart', async () => {
    const id = customer(20);
    const p = principals.customer(id);
    const before = await omsOrderCount(id);
    await stack.call(p, ADD, { input: { productOfferingId: 'PO-0003', quantity: 2 } });
    const input = { idempotencyKey: 'checkout-mobile-0001' };
    const [first, second] = await Promise.all([stack.call(p, PLACE, { input }), stack.call(p, PLACE, { input })]);
    const again = await stack.call(p, PLACE, { input });
    expect(first.errors).toBeUndefined();
    expect(second.data?.placeOrder).toEqual(first.data?.placeOrder);
    expect(again.data?.placeOrder).toEqual(first.data?.placeOrder);
    expect(first.data?.placeOrder).toMatchObject({ state: 'ACKNOWLEDGED', channel: 'MOBILE', itemCount: 2, customer: { id }, items: [{ productOffering: { id: 'PO-0003' }, quantity: 2 }] });
    expect(await omsOrderCount(id)).toBe(before + 1);
    const cart = await stack.call(p, CUSTOMER_CART, { reps: [{ __typename: 'Customer', id }] });
    expect(cart.data?._entities[0].cart.items).toEqual([]);
    // The new order is at once the first of the customer's orders.
    const orders = await stack.call(p, `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Customer { orders(first: 1) { nodes { id } } } } }`, { reps: [{ __typename: 'Customer', id }] });
    expect(orders.data?._entities[0].orders.nodes[0].id).toBe(first.data?.placeOrder.id);
  });

  it('lets an agent order for a customer, recorded as an AGENT order the customer can read', async () => {
    const id = customer(21);
    await stack.call(principals.agent('A002'), ADD, { input: { productOfferingId: 'PO-0004', quantity: 1, customerId: id } });
    const placed = await stack.call(principals.agent('A002'), PLACE, { input: { idempotencyKey: 'desk-A002-0001', customerId: id } });
    expect(placed.data?.placeOrder).toMatchObject({ channel: 'AGENT', customer: { id } });
    const omsOrder = await (await fetch(`${stack.oms.url}/oms/orders/${placed.data?.placeOrder.id}`)).json();
    expect(omsOrder).toMatchObject({ agentId: 'A002', channelCode: 'AGT', customerId: Number(id) });
    const read = await stack.call(principals.customer(id), `query($id: ID!) { productOrder(id: $id) { id state } }`, { id: placed.data?.placeOrder.id });
    expect(read.data?.productOrder).toEqual({ id: placed.data?.placeOrder.id, state: 'ACKNOWLEDGED' });
  });

  it('answers CONFLICT for a key reused differently and for an empty cart; BAD_USER_INPUT for a bad key', async () => {
    const id = customer(22);
    await stack.call(principals.customer(id), ADD, { input: { productOfferingId: 'PO-0005', quantity: 1 } });
    const input = { idempotencyKey: 'reused-key-0001', customerId: id };
    expect((await stack.call(principals.customer(id), PLACE, { input })).errors).toBeUndefined();
    await stack.call(principals.customer(id), ADD, { input: { productOfferingId: 'PO-0005', quantity: 1 } });
    const reused = await stack.call(principals.agent(), PLACE, { input });
    expect(codes(reused)).toEqual(['CONFLICT']);
    expect(codes(await stack.call(principals.customer(customer(23)), PLACE, { input: { idempotencyKey: 'empty-cart-0001' } }))).toEqual(['CONFLICT']);
    for (const idempotencyKey of ['short', 'x'.repeat(129), 'has space 123', 'sémantique-123']) {
      expect(codes(await stack.call(principals.customer(id), PLACE, { input: { idempotencyKey } }))).toEqual(['BAD_USER_INPUT']);
    }
  });

  it('scopes keys per customer: two customers may use the same key', async () => {
    const [x, y] = [customer(26), customer(27)];
    for (const id of [x, y]) await stack.call(principals.customer(id), ADD, { input: { productOfferingId: 'PO-0006', quantity: 1 } });
    const input = { idempotencyKey: 'same-key-everywhere' };
    const [ox, oy] = await Promise.all([x, y].map((id) => stack.call(principals.customer(id), PLACE, { input })));
    expect(ox?.data?.placeOrder.customer.id).toBe(x);
    expect(oy?.data?.placeOrder.customer.id).toBe(y);
    expect(ox?.data?.placeOrder.id).not.toBe(oy?.data?.placeOrder.id);
  });

  it('refuses partners and customers ordering for someone else', async () => {
    expect(codes(await stack.call(principals.partner('P001'), PLACE, { input: { idempotencyKey: 'partner-0001', customerId: customer(24) } }))).toEqual(['FORBIDDEN']);
    expect(codes(await stack.call(principals.customer(customer(25)), PLACE, { input: { idempotencyKey: 'other-0001', customerId: customer(24) } }))).toEqual(['FORBIDDEN']);
  });
});
