import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderTotalCents } from '../../dev/legacy/common/dataset.ts';
import { principals } from '../../test/support/subgraph-client.ts';
import { moneyFromCents } from '../runtime/shared-types/money.ts';
import { notFoundMessage } from '../runtime/authorization/not-found.ts';
import { codes, refusals, startOrderingStack, type OrderingStack } from '../../test/support/ordering-stack.ts';

let stack: OrderingStack;
beforeAll(async () => { stack = await startOrderingStack(); });
afterAll(async () => { await stack.stop(); });

const ORDER_FIELDS = `id state orderDate channel itemCount total { amount currency } customer { id } partner { id }
  items { id quantity productOffering { id } unitPrice { amount currency } total { amount currency } }`;
const CUSTOMER_ORDERS = `query($reps: [_Any!]!, $first: Int, $after: String) {
  _entities(representations: $reps) { ... on Customer { id orders(first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor } nodes { ${ORDER_FIELDS} } } } } }`;
const PRODUCT_ORDER = `query($id: ID!) { productOrder(id: $id) { id state customer { id } } }`;
const reps = (ids: readonly (string | number)[], typename = 'Customer') => ids.map((id) => ({ __typename: typename, id: String(id) }));

const customerWith = (min: number): string =>
  String([...stack.dataset.ordersByCustomer.entries()].find(([, list]) => list.length >= min)?.[0]);

describe('Customer.orders', () => {
  it('maps the last three orders of the account home in ONE OMS call', async () => {
    const customerId = customerWith(5);
    const seeded = stack.dataset.ordersByCustomer.get(Number(customerId)) ?? [];
    stack.oms.resetStats();
    const res = await stack.call(principals.customer(customerId), CUSTOMER_ORDERS, { reps: reps([customerId]), first: 3 });
    expect(res.errors).toBeUndefined();
    expect(stack.oms.stats().total).toBe(1);
    const orders = res.data?._entities[0].orders;
    expect(orders.totalCount).toBe(seeded.length);
    expect(orders.nodes.map((o: any) => o.id)).toEqual(seeded.slice(0, 3).map((o) => o.id));
    const [record] = seeded;
    const node = orders.nodes[0];
    expect(node.state).toBe({ 10: 'ACKNOWLEDGED', 20: 'IN_PROGRESS', 30: 'COMPLETED', 90: 'CANCELLED' }[record!.status]);
    expect(node.channel).toBe({ web: 'WEB', mobile: 'MOBILE', agent: 'AGENT', partner: 'PARTNER' }[record!.channel]);
    expect(node.orderDate).toBe(`${record!.createdAt.slice(0, 19)}Z`);
    expect(node.total).toEqual(moneyFromCents(orderTotalCents(record!), 'EUR'));
    expect(node.itemCount).toBe(record!.lines.reduce((n, l) => n + l.quantity, 0));
    expect(node.customer).toEqual({ id: customerId });
    expect(node.partner).toEqual(record!.partnerId ? { id: record!.partnerId } : null);
    expect(node.items[0]).toEqual({
      id: `${record!.id}:1`, quantity: record!.lines[0]!.quantity, productOffering: { id: record!.lines[0]!.productCode },
      unitPrice: moneyFromCents(record!.lines[0]!.unitPriceCents, 'EUR'),
      total: moneyFromCents(record!.lines[0]!.unitPriceCents * record!.lines[0]!.quantity, 'EUR'),
    });
  });

  it('pages with first/after until hasNextPage is false', async () => {
    const customerId = customerWith(12);
    const total = stack.dataset.ordersByCustomer.get(Number(customerId))?.length ?? 0;
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 20; page++) {
      const res: any = await stack.call(principals.agent(), CUSTOMER_ORDERS, { reps: reps([customerId]), first: 5, after });
      const orders = res.data._entities[0].orders;
      seen.push(...orders.nodes.map((o: any) => o.id));
      if (!orders.pageInfo.hasNextPage) break;
      after = orders.pageInfo.endCursor;
    }
    expect(seen).toEqual(stack.dataset.ordersByCustomer.get(Number(customerId))?.map((o) => o.id));
    expect(seen).toHaveLength(total);
  });

  it('refuses first > 100 and forged cursors with BAD_USER_INPUT, before calling the OMS', async () => {
    stack.oms.resetStats();
    const customerId = customerWith(1);
    const tooMany = await stack.call(principals.agent(), CUSTOMER_ORDERS, { reps: reps([customerId]), first: 101 });
    const forged = await stack.call(principals.agent(), CUSTOMER_ORDERS, { reps: reps([customerId]), after: 'bm9wZQ' });
    expect([...codes(tooMany), ...codes(forged)]).toEqual(['BAD_USER_INPUT', 'BAD_USER_INPUT']);
    expect(stack.oms.stats().total).toBe(0);
  });

  it("answers another customer's account as missing (NOT_FOUND) and partners FORBIDDEN, entity by entity, before calling the OMS", async () => {
    const own = customerWith(1);
    const other = String(Number(own) + 1);
    const res = await stack.call(principals.customer(own!), CUSTOMER_ORDERS, { reps: reps([own!, other!]), first: 1 });
    expect(res.data?._entities[0].orders.nodes).toHaveLength(1);
    expect(res.data?._entities[1]).toBeNull();
    expect(refusals(res, 2)).toEqual(['_entities.1 NOT_FOUND']);
    const whole = (r: typeof res) => ({ status: r.status, data: r.data, errors: r.errors });
    expect(whole(await stack.call(principals.customer(own!), CUSTOMER_ORDERS, { reps: reps([own!, '999999999']), first: 1 }))).toEqual(whole(res));
    stack.oms.resetStats();
    const partner = await stack.call(principals.partner('P001'), CUSTOMER_ORDERS, { reps: reps([own!]) });
    expect(partner.data?._entities).toEqual([null]);
    expect(refusals(partner, 2)).toEqual(['_entities.0 FORBIDDEN']);
    expect(stack.oms.stats().total).toBe(0);
  });
});

describe('ProductOrder', () => {
  it('resolves 150 order entities in ceil(150/100) = 2 OMS calls; an unknown id fails alone', async () => {
    const ids = stack.dataset.orders.slice(0, 149).map((o) => o.id);
    stack.oms.resetStats();
    const res = await stack.call(principals.agent(), `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on ProductOrder { id total { amount } } } }`,
      { reps: reps([...ids, 'ORD-9999999'], 'ProductOrder') });
    expect(stack.oms.stats()).toMatchObject({ total: 2, byRoute: { 'GET /oms/orders': 2 } });
    expect(res.data?._entities.slice(0, 149).map((o: any) => o.id)).toEqual(ids);
    expect(res.data?._entities[149]).toBeNull();
    expect(res.errors?.map((e) => [e.path, e.extensions?.['code']])).toEqual([[['_entities', 149], 'NOT_FOUND']]);
  });

  it('shows an order to its customer, to agents and to its partner only', async () => {
    const order = stack.dataset.orders.find((o) => o.partnerId !== null)!;
    const otherCustomer = String(order.customerId + 1);
    const otherPartner = order.partnerId === 'P001' ? 'P002' : 'P001';
    const read = async (p: Parameters<OrderingStack['call']>[0]) => stack.call(p, PRODUCT_ORDER, { id: order.id });
    expect((await read(principals.customer(String(order.customerId)))).data?.productOrder.id).toBe(order.id);
    expect((await read(principals.agent())).data?.productOrder.customer.id).toBe(String(order.customerId));
    // The partner sees the order, but not the customer account behind it.
    const partner = await read(principals.partner(order.partnerId!));
    expect(partner.data?.productOrder).toMatchObject({ id: order.id, customer: null });
    expect(refusals(partner, 3)).toEqual(['productOrder.customer.id FORBIDDEN']);
    for (const p of [principals.customer(otherCustomer), principals.partner(otherPartner)]) {
      const res = await read(p);
      expect(res.data?.productOrder).toBeNull();
      expect(refusals(res, 1)).toEqual(['productOrder NOT_FOUND']);
    }
    stack.oms.resetStats();
    const anonymous = await read(principals.anonymous());
    expect(anonymous.data?.productOrder).toBeNull();
    expect(codes(anonymous)).toEqual(['UNAUTHENTICATED']);
    expect(stack.oms.stats().total).toBe(0);
  });

  it("answers another customer's order exactly as an unknown one: code, message, path, null and status", async () => {
    const order = stack.dataset.orders.find((o) => o.partnerId !== null)!;
    const whole = (res: Awaited<ReturnType<OrderingStack['call']>>) => ({ status: res.status, data: res.data, errors: res.errors });
    for (const p of [principals.customer(String(order.customerId + 1)), principals.partner(order.partnerId === 'P001' ? 'P002' : 'P001')]) {
      const another = whole(await stack.call(p, PRODUCT_ORDER, { id: order.id }));
      const missing = whole(await stack.call(p, PRODUCT_ORDER, { id: 'ORD-9999999' }));
      expect(another).toEqual({ status: 200, data: { productOrder: null }, errors: [{ message: notFoundMessage('ProductOrder'), locations: expect.any(Array), path: ['productOrder'], extensions: { code: 'NOT_FOUND' } }] });
      expect(another).toEqual(missing);
    }
  });

  it("answers another customer's order entity exactly as an unknown one, failing that entity alone", async () => {
    const [mine, theirs] = [stack.dataset.orders[0]!, stack.dataset.orders.find((o) => o.customerId !== stack.dataset.orders[0]!.customerId)!];
    const query = 'query($reps: [_Any!]!) { _entities(representations: $reps) { ... on ProductOrder { id state total { amount } } } }';
    const call = async (ids: string[]) => {
      const res = await stack.call(principals.customer(String(mine.customerId)), query, { reps: reps(ids, 'ProductOrder') });
      return { status: res.status, data: res.data, errors: res.errors };
    };
    const another = await call([mine.id, theirs.id]);
    expect(another.data?._entities[0]).toMatchObject({ id: mine.id });
    expect(another.data?._entities[1]).toBeNull();
    expect(another.errors).toEqual([{ message: notFoundMessage('ProductOrder'), locations: expect.any(Array), path: ['_entities', 1], extensions: { code: 'NOT_FOUND' } }]);
    expect(another).toEqual(await call([mine.id, 'ORD-9999999']));
  });

  it('answers NOT_FOUND for an unknown order and BAD_USER_INPUT for a malformed id', async () => {
    expect(codes(await stack.call(principals.agent(), PRODUCT_ORDER, { id: 'ORD-9999999' }))).toEqual(['NOT_FOUND']);
    stack.oms.resetStats();
    expect(codes(await stack.call(principals.agent(), PRODUCT_ORDER, { id: 'ORD-1,ORD-2' }))).toEqual(['BAD_USER_INPUT']);
    expect(stack.oms.stats().total).toBe(0);
  });
});
