// The matrix of ../shared/domain.md through the gateway: every role on every channel against every
// sensitive field, with real tokens; and proof that a field the principal may not see never reaches a
// subgraph or a legacy system. Another customer's account or order answers as a missing one (NOT_FOUND);
// FORBIDDEN is for rules that refuse every id alike (roles, channels).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrderRecord } from '../../dev/legacy/common/dataset.ts';
import { errorCodes, startE2E, type ChannelName, type E2E } from './harness.ts';

type Outcome = 'data' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND';
type Who = 'anonymous' | 'owner' | 'other-customer' | 'partner-through' | 'other-partner' | 'agent';
const WHO: Who[] = ['anonymous', 'owner', 'other-customer', 'partner-through', 'other-partner', 'agent'];
const CHANNELS: ChannelName[] = ['mobile', 'web', 'partner', 'agent'];
const denied = (who: Who): Outcome => (who === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
const trade = (who: Who, channel: ChannelName): Outcome =>
  ((who === 'partner-through' || who === 'other-partner') && channel === 'partner') || (who === 'agent' && channel === 'agent') ? 'data' : denied(who);
// customer(id) is for customers and agents (a role rule: partners FORBIDDEN); another's account does not exist.
const account = (who: Who): Outcome => (who === 'owner' || who === 'agent' ? 'data' : who === 'other-customer' ? 'NOT_FOUND' : denied(who));

interface Case { name: string; query: (o: OrderRecord) => string; path: string; expect: (who: Who, channel: ChannelName) => Outcome }
const CASES: Case[] = [
  { name: 'public catalogue', query: () => '{ productOffering(id: "PO-0001") { name price { amount } availability { status } } }', path: 'productOffering', expect: () => 'data' },
  { name: 'partner price', query: () => '{ productOffering(id: "PO-0001") { name partnerPrice { amount } } }', path: 'productOffering.partnerPrice', expect: trade },
  { name: 'stock levels', query: () => '{ productOffering(id: "PO-0001") { availability { status stockLevels { warehouseCode } } } }', path: 'productOffering.availability.stockLevels', expect: trade },
  { name: 'customer contact data', query: (o) => `{ customer(id: "${o.customerId}") { contactMedia { value } } }`, path: 'customer', expect: account },
  { name: 'customer bills', query: (o) => `{ customer(id: "${o.customerId}") { id bills(first: 1) { totalCount } } }`, path: 'customer', expect: account },
  {
    name: 'an order placed through a partner', query: (o) => `{ productOrder(id: "${o.id}") { id total { amount } } }`, path: 'productOrder',
    expect: (who) => (who === 'owner' || who === 'agent' || who === 'partner-through' ? 'data' : who === 'anonymous' ? 'UNAUTHENTICATED' : 'NOT_FOUND'),
  },
];

describe('access matrix through the gateway (role x channel x field)', () => {
  let e2e: E2E;
  let order: OrderRecord;
  const users = new Map<Who, string | null>();
  beforeAll(async () => {
    e2e = await startE2E();
    order = e2e.dataset.orders.find((o) => o.partnerId && o.partnerId !== 'P002') as OrderRecord;
    const other = e2e.dataset.customers.find((c) => c.id !== order.customerId)?.id;
    users.set('anonymous', null).set('owner', `customer:${order.customerId}`).set('other-customer', `customer:${other}`)
      .set('partner-through', `partner:${order.partnerId}`).set('other-partner', 'partner:P002').set('agent', 'agent');
  });
  afterAll(() => e2e.stack.stop());

  for (const c of CASES) {
    it(`${c.name}: every role on every channel gets what the matrix says`, async () => {
      const got: string[] = [];
      const want: string[] = [];
      for (const who of WHO) {
        for (const channel of CHANNELS) {
          const res = await (await e2e.as(users.get(who) ?? null, channel)).run(c.query(order));
          // A refused object comes back null with its refusal on the object or on fields below it.
          const codes = Object.entries(errorCodes(res)).filter(([path]) => path === c.path || path.startsWith(`${c.path}.`)).map(([, code]) => code);
          const outcome = codes.length === 0 ? (res.body.errors ? `unexpected ${JSON.stringify(errorCodes(res))}` : 'data') : [...new Set(codes)].join('+');
          got.push(`${who}@${channel}: ${outcome}`);
          want.push(`${who}@${channel}: ${c.expect(who, channel)}`);
        }
      }
      expect(got).toEqual(want);
    });
  }

  it('a field the principal may not see never reaches its subgraph or legacy system', async () => {
    const customer = await e2e.as(users.get('owner') ?? null, 'web');
    const before = { inventory: e2e.stack.subgraphs.inventory.requests(), catalog: e2e.stack.subgraphs.catalog.requests() };
    e2e.stack.resetLegacyCalls();
    const res = await customer.run('{ productOffering(id: "PO-0001") { name availability { stockLevels { warehouseCode } } partnerPrice { amount } } }');
    expect(res.body.data.productOffering).toEqual({ name: expect.any(String), availability: null, partnerPrice: null });
    expect(errorCodes(res)).toEqual({ 'productOffering.availability.stockLevels': 'FORBIDDEN', 'productOffering.partnerPrice': 'FORBIDDEN' });
    expect(e2e.stack.subgraphs.inventory.requests() - before.inventory).toBe(0);
    expect(e2e.stack.subgraphs.catalog.requests() - before.catalog).toBe(1);
    // The ERP (behind the removed stock levels) is never called; the Catalogue may answer from its cache.
    expect({ ...e2e.stack.legacyCalls(), catalogue: 0 }).toEqual({ crm: 0, catalogue: 0, oms: 0, billing: 0, erp: 0 });
  });

  it('an operation with nothing left to fetch is answered without any subgraph call', async () => {
    const before = Object.values(e2e.stack.subgraphs).reduce((n, s) => n + s.requests(), 0);
    const res = await (await e2e.as(null, 'web')).run('{ me { displayName } customers(first: 2) { totalCount } }');
    expect(res.body.data).toEqual({ me: null, customers: null });
    expect(errorCodes(res)).toEqual({ me: 'UNAUTHENTICATED', customers: 'UNAUTHENTICATED' });
    expect(Object.values(e2e.stack.subgraphs).reduce((n, s) => n + s.requests(), 0)).toBe(before);
  });
});
