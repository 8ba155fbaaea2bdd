// What the ordering subgraph tells the gateway's response cache (the passerelleEntities extension): the
// entities each response returned, Customer:<id> included when the gateway asks for a customer's orders
// or cart through _entities, and what each mutation changed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { principals, type GraphQLResult } from '../../test/support/subgraph-client.ts';
import { ENTITY_EXTENSION, type EntityReport } from '../../contracts/entity-report.ts';
import { startOrderingStack, type OrderingStack } from '../../test/support/ordering-stack.ts';

let stack: OrderingStack;
beforeAll(async () => { stack = await startOrderingStack(); });
afterAll(async () => { await stack.stop(); });

const report = (result: GraphQLResult<unknown>): EntityReport | undefined =>
  (result as { extensions?: Record<string, EntityReport> }).extensions?.[ENTITY_EXTENSION];
/** Customers of the small dataset that no other test of this file touches. */
const customer = (index: number): string => String(stack.dataset.customers[index]?.id);

const ADD = 'mutation($input: AddCartItemInput!) { addCartItem(input: $input) { id items { id } } }';
const UPDATE = 'mutation($input: UpdateCartItemQuantityInput!) { updateCartItemQuantity(input: $input) { id } }';
const REMOVE = 'mutation($input: RemoveCartItemInput!) { removeCartItem(input: $input) { id } }';
const PLACE = 'mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id } }';

describe('entities returned', () => {
  it("reports the Customer and its orders when the gateway asks for a customer's orders through _entities", async () => {
    const owner = stack.dataset.customers.find((c) => (stack.dataset.ordersByCustomer.get(c.id)?.length ?? 0) >= 2)!;
    const id = String(owner.id);
    const orders = (stack.dataset.ordersByCustomer.get(owner.id) ?? []).slice(0, 2);
    expect(orders).toHaveLength(2);
    const result = await stack.call(principals.customer(id),
      'query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Customer { orders(first: 2) { nodes { id items { productOffering { id } } } } } } }',
      { reps: [{ __typename: 'Customer', id }] });
    expect(result.errors).toBeUndefined();
    const returned = report(result)?.returned ?? [];
    expect(returned).toContain(`Customer:${id}`);
    for (const order of orders) expect(returned).toContain(`ProductOrder:${order.id}`);
    expect(returned).toContain(`ProductOffering:${orders[0]?.lines[0]?.productCode}`);
    expect(report(result)?.invalidated).toEqual([]);
  });

  it("reports the Customer for a customer's cart", async () => {
    const id = customer(40);
    const result = await stack.call(principals.customer(id), 'query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Customer { cart { id } } } }',
      { reps: [{ __typename: 'Customer', id }] });
    expect(report(result)).toEqual({ returned: [`Customer:${id}`], invalidated: [] });
  });
});

describe('entities a mutation changed', () => {
  it('cart mutations invalidate the Customer and its cart', async () => {
    const id = customer(41);
    const web = { ...principals.customer(id), channel: 'web' as const };
    const added = await stack.call(web, ADD, { input: { productOfferingId: 'PO-0001', quantity: 1 } });
    const cartId = added.data?.addCartItem.id as string;
    expect(cartId).toEqual(expect.any(String));
    const cartChange = { invalidated: [`Customer:${id}`, `ShoppingCart:${cartId}`] };
    expect(report(added)).toMatchObject(cartChange);
    const itemId = added.data?.addCartItem.items[0].id as string;
    expect(report(await stack.call(web, UPDATE, { input: { itemId, quantity: 3 } }))).toMatchObject(cartChange);
    expect(report(await stack.call(web, REMOVE, { input: { itemId } }))).toMatchObject(cartChange);
  });

  it("placeOrder invalidates the Customer and the new order, for the customer an agent names", async () => {
    const id = customer(42);
    await stack.call(principals.agent(), ADD, { input: { productOfferingId: 'PO-0002', quantity: 2, customerId: id } });
    const placed = await stack.call(principals.agent(), PLACE, { input: { idempotencyKey: 'report-0001', customerId: id } });
    const orderId = placed.data?.placeOrder.id as string;
    expect(orderId).toMatch(/^ORD-/);
    expect(report(placed)).toEqual({ returned: [`ProductOrder:${orderId}`], invalidated: [`Customer:${id}`, `ProductOrder:${orderId}`] });
  });

  it('invalidates the Customer even when the OMS fails (it may have applied the change), nothing for a refused input', async () => {
    const id = customer(43);
    const p = principals.customer(id);
    stack.oms.setKnobs({ errorRate: 1 });
    try {
      const failed = await stack.call(p, ADD, { input: { productOfferingId: 'PO-0001', quantity: 1 } });
      expect(failed.errors?.length).toBe(1);
      expect(report(failed)).toEqual({ returned: [], invalidated: [`Customer:${id}`] });
    } finally {
      stack.oms.setKnobs({ errorRate: 0 });
    }
    expect(report(await stack.call(p, ADD, { input: { productOfferingId: 'PO-0001', quantity: 0 } }))).toBeUndefined();
    expect(report(await stack.call(p, PLACE, { input: { idempotencyKey: 'other-0001', customerId: customer(44) } }))).toBeUndefined();
  });
});
