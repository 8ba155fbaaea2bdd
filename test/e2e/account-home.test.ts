// Scenario 1 (mobile account home): one request returns the customer's name, open balance, last three
// orders with their items' names and thumbnails, and unpaid bills; the legacy calls do not grow with
// the number of orders or items.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerWith, startE2E, type E2E } from './harness.ts';

describe('scenario 1: mobile account home', () => {
  let e2e: E2E;
  beforeAll(async () => { e2e = await startE2E(); });
  afterAll(() => e2e.stack.stop());

  it('answers the whole screen in one request, with real data', async () => {
    const customer = customerWith(e2e.dataset, { orders: 3, openBills: true });
    const mobile = await e2e.as(`customer:${customer.id}`, 'mobile');
    const res = await mobile.run('AccountHome');
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    const me = res.body.data.me;
    expect(me.id).toBe(String(customer.id));
    expect(me.displayName).toBe(customer.tradingName ?? `${customer.givenName} ${customer.familyName}`);
    expect(me.balance.openAmount).toEqual({ amount: expect.stringMatching(/^\d+\.\d{2}$/), currency: 'EUR' });

    const orders = e2e.dataset.ordersByCustomer.get(customer.id) ?? [];
    expect(me.orders.totalCount).toBe(3);
    expect(me.orders.nodes.map((o: { id: string }) => o.id)).toEqual(orders.slice(0, 3).map((o) => o.id));
    const firstItem = me.orders.nodes[0].items[0];
    const offering = e2e.dataset.offerings.find((o) => o.code === orders[0]?.lines[0]?.productCode);
    expect(firstItem.productOffering).toEqual({ id: offering?.code, name: offering?.name, images: { thumbnailUrl: expect.stringMatching(/thumb\.svg$/) } });

    const open = (e2e.dataset.invoicesByCustomer.get(customer.id) ?? []).filter((i) => i.status !== 'PAID');
    expect(me.unpaidBills.totalCount).toBe(open.length);
    for (const bill of me.unpaidBills.nodes) expect(['UNPAID', 'OVERDUE']).toContain(bill.state);
    expect(res.headers.get('cache-control')).toMatch(/private/);
  });

  it('costs the same legacy calls for a customer with 3 orders and one with 40', async () => {
    const calls = async (orders: number) => {
      const customer = customerWith(e2e.dataset, { orders });
      const mobile = await e2e.as(`customer:${customer.id}`, 'mobile');
      e2e.stack.resetLegacyCalls();
      const res = await mobile.run('AccountHome');
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data.me.orders.nodes).toHaveLength(3);
      return e2e.stack.legacyCalls();
    };
    const few = await calls(3);
    const many = await calls(40);
    expect(many).toEqual(few);
    // One CRM lookup, one OMS page, one Catalogue batch for every item's offering, balance + unpaid bills.
    expect(few).toEqual({ crm: 1, catalogue: 1, oms: 1, billing: 2, erp: 0 });
  });

  it('asks who is calling: anonymous callers are told to sign in, partners get no customer account', async () => {
    const anonymous = await (await e2e.as(null, 'mobile')).run('AccountHome');
    expect(anonymous.body.data.me).toBeNull();
    expect(anonymous.body.errors.map((e: { extensions: { code: string } }) => e.extensions.code)).toEqual(['UNAUTHENTICATED']);
    const partner = await (await e2e.as('partner', 'partner')).run('AccountHome');
    expect(partner.body.data.me).toBeNull();
  });
});
