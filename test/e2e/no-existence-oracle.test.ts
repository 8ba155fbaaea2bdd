// No existence oracles, through the gateway with real tokens: order and invoice numbers are sequential, so
// an object a customer may not see must answer exactly as one that does not exist (HTTP status, body: data,
// errors with their code, message and path). Otherwise walking ORD-0000001, ORD-0000002... would list every
// order of the company. FORBIDDEN stays for refusals that are the same for every id (a role rule).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CustomerRecord, OrderRecord } from '../../dev/legacy/common/dataset.ts';
import type { GraphQLResponse } from '../support/http.ts';
import { customerWith, errorCodes, startE2E, type Caller, type E2E } from './harness.ts';

const MISSING_ORDER = 'ORD-9999999';
const MISSING_BILL = 'F1999-999999';
/** A customer number the CRM does not know. */
const MISSING_CUSTOMER = '999998';

/** What a client can observe of an answer, the cache headers included. */
const observed = (res: GraphQLResponse) => ({ status: res.status, body: res.body, cacheControl: res.headers.get('cache-control') });

describe('no existence oracle through the gateway', () => {
  let e2e: E2E;
  let victim: CustomerRecord;
  let attacker: Caller;
  let order: OrderRecord;

  beforeAll(async () => {
    e2e = await startE2E();
    victim = customerWith(e2e.dataset, { orders: 4, openBills: true });
    order = e2e.dataset.ordersByCustomer.get(victim.id)![0]!;
    const other = e2e.dataset.customers.find((c) => c.id !== victim.id)!;
    attacker = await e2e.as(`customer:${other.id}`, 'web');
  });
  afterAll(() => e2e.stack.stop());

  it("answers another customer's order exactly as an order that does not exist", async () => {
    const query = 'query($id: ID!) { productOrder(id: $id) { id state total { amount } bill { id } } }';
    const another = await attacker.run(query, { id: order.id });
    expect(another.body.data).toEqual({ productOrder: null });
    expect(errorCodes(another)).toEqual({ productOrder: 'NOT_FOUND' });
    expect(observed(another)).toEqual(observed(await attacker.run(query, { id: MISSING_ORDER })));
  });

  it("answers another customer's bill exactly as a bill that does not exist", async () => {
    const bill = e2e.dataset.invoicesByCustomer.get(victim.id)![0]!;
    const query = 'query($id: ID!) { customerBill(id: $id) { id state amountDue { amount } order { id state } } }';
    const another = await attacker.run(query, { id: bill.number });
    expect(another.body.data).toEqual({ customerBill: null });
    expect(errorCodes(another)).toEqual({ customerBill: 'NOT_FOUND' });
    expect(observed(another)).toEqual(observed(await attacker.run(query, { id: MISSING_BILL })));
  });

  it("answers another customer's account exactly as an account the CRM does not have, orders and bills included", async () => {
    const query = 'query($id: ID!) { customer(id: $id) { displayName contactMedia { value } orders(first: 1) { totalCount } bills { totalCount } balance { openAmount { amount } } } }';
    const another = await attacker.run(query, { id: String(victim.id) });
    expect(another.body.data).toEqual({ customer: null });
    expect(errorCodes(another)).toEqual({ customer: 'NOT_FOUND' });
    expect(observed(another)).toEqual(observed(await attacker.run(query, { id: MISSING_CUSTOMER })));
  });

  it('reveals nothing to a caller walking consecutive order numbers', async () => {
    const first = Number(order.id.slice(4));
    const ids = Array.from({ length: 6 }, (_, i) => `ORD-${String(first + i).padStart(7, '0')}`);
    const query = 'query($id: ID!) { productOrder(id: $id) { id state } }';
    const missing = observed(await attacker.run(query, { id: MISSING_ORDER }));
    for (const id of ids) expect(observed(await attacker.run(query, { id })), id).toEqual(missing);
  });

  it("answers cancelOrder on another customer's order as on an unknown order, and leaves it as it was", async () => {
    const cancel = 'mutation($id: ID!) { cancelOrder(input: { orderId: $id }) { id state } }';
    const another = await attacker.run(cancel, { id: order.id });
    expect(errorCodes(another)).toEqual({ cancelOrder: 'NOT_FOUND' });
    expect(observed(another)).toEqual(observed(await attacker.run(cancel, { id: MISSING_ORDER })));
    const oms = await (await fetch(`${e2e.stack.legacy.oms.url}/oms/orders/${order.id}`)).json() as { status: number };
    expect(oms.status).toBe(order.status);
  });

  it('keeps FORBIDDEN for a rule that refuses every id alike: a partner asking for any customer account', async () => {
    const partner = await e2e.as('partner', 'partner');
    const query = 'query($id: ID!) { customer(id: $id) { displayName } }';
    const existing = await partner.run(query, { id: String(victim.id) });
    expect(errorCodes(existing)).toEqual({ customer: 'FORBIDDEN' });
    expect(observed(existing)).toEqual(observed(await partner.run(query, { id: MISSING_CUSTOMER })));
  });
});
