import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBilling } from '../../dev/legacy/billing/server.ts';
import { getDataset, type InvoiceRecord } from '../../dev/legacy/common/dataset.ts';
import type { StandInHandle } from '../../dev/legacy/common/stand-in.ts';
import { callSubgraph, principals, TEST_KEYS, type GraphQLResult } from '../../test/support/subgraph-client.ts';
import type { Principal } from '../../contracts/principal.ts';
import { notFoundMessage } from '../runtime/authorization/not-found.ts';
import { startSubgraph, type RunningSubgraph } from '../runtime/serving/serve.ts';
import { BILLING_DEFAULTS } from './config.ts';
import { createBillingSubgraph } from './index.ts';
import { FAULTS_ONLY } from '../../test/support/faults-only.ts';

const DATASET = { customers: 200, orders: 2000, invoices: 2400 };
const dataset = getDataset(DATASET);
const invoicesOf = (id: number) => dataset.invoicesByCustomer.get(id) ?? [];
const rich = dataset.customers.find((c) => invoicesOf(c.id).length >= 12 && invoicesOf(c.id).some((i) => i.status !== 'PAID'))!;
const other = dataset.customers.find((c) => c.id !== rich.id && invoicesOf(c.id).length > 0)!;
const me = principals.customer(String(rich.id));
const STATE = { PAID: 'SETTLED', UNPAID: 'UNPAID', OVERDUE: 'OVERDUE' } as const;
const money = (cents: number) => ({ amount: (cents / 100).toFixed(2), currency: 'EUR' });
const asBill = (i: InvoiceRecord) => ({
  id: i.number, billDate: i.issuedAt, paymentDueDate: i.dueAt, amountDue: money(i.amountInclTaxCents),
  taxExcludedAmount: money(i.amountExclTaxCents), state: STATE[i.status], order: i.orderId ? { id: i.orderId } : null,
});
const BILL_FIELDS = 'id billDate paymentDueDate amountDue { amount currency } taxExcludedAmount { amount currency } state order { id }';

let billing: StandInHandle;
let subgraph: RunningSubgraph;
let impatient: RunningSubgraph;
const call = (principal: Principal | null, query: string, variables: Record<string, unknown> = {}, token?: string) =>
  callSubgraph(subgraph.url, 'billing', principal, query, variables, token);
const codes = (res: GraphQLResult<unknown>) => (res.errors ?? []).map((e) => e.extensions?.['code']);
/** Distinct "path prefix code" of the errors: a refused object fails field by field, all under its own path. */
const refusals = (res: GraphQLResult<unknown>, depth: number) =>
  [...new Set((res.errors ?? []).map((e) => `${(e.path ?? []).slice(0, depth).join('.')} ${String(e.extensions?.['code'])}`))];
const soapCalls = () => billing.stats().byRoute;

beforeAll(async () => {
  billing = await startBilling({ port: 0, dataset: DATASET });
  const serve = async (timeoutMs: number) => {
    // Each fault's own coded error, test after test: no breaker or retry carrying one test into the next.
    const definition = createBillingSubgraph({ billingUrl: billing.url, timeoutMs, maxResponseBytes: BILLING_DEFAULTS.maxResponseBytes, resilience: FAULTS_ONLY });
    return startSubgraph(definition, { port: 0, internalTokenPublicKey: TEST_KEYS.publicKeyPem });
  };
  subgraph = await serve(5_000);
  impatient = await serve(300);
});
afterAll(async () => {
  await subgraph.stop();
  await impatient.stop();
  await billing.close();
});

const billsQuery = `query($id: ID!, $first: Int, $after: String, $states: [CustomerBillState!]) {
  _entities(representations: [{ __typename: "Customer", id: $id }]) {
    ... on Customer { bills(first: $first, after: $after, states: $states) { totalCount pageInfo { hasNextPage endCursor } edges { cursor } nodes { ${BILL_FIELDS} } } }
  }
}`;

describe('Customer.bills', () => {
  it('maps a page of the customer\'s invoices, newest first, for one SOAP call', async () => {
    billing.resetStats();
    const res = await call(me, billsQuery, { id: String(rich.id), first: 5 });
    expect(res.errors).toBeUndefined();
    const bills = res.data?._entities[0].bills;
    expect(bills.totalCount).toBe(invoicesOf(rich.id).length);
    expect(bills.nodes).toEqual(invoicesOf(rich.id).slice(0, 5).map(asBill));
    expect(bills.pageInfo.hasNextPage).toBe(true);
    expect(soapCalls()).toEqual({ 'POST /BillingService#GetInvoicesByCustomer': 1 });
  });

  it('continues after a cursor, even across Billing\'s page boundaries', async () => {
    const first = await call(me, billsQuery, { id: String(rich.id), first: 3 });
    const after = first.data?._entities[0].bills.pageInfo.endCursor;
    const next = await call(me, billsQuery, { id: String(rich.id), first: 7, after });
    expect(next.data?._entities[0].bills.nodes.map((b: { id: string }) => b.id)).toEqual(invoicesOf(rich.id).slice(3, 10).map((i) => i.number));
  });

  it('filters by state, mapping SETTLED/UNPAID/OVERDUE to Billing\'s statuses', async () => {
    const open = invoicesOf(rich.id).filter((i) => i.status !== 'PAID');
    const res = await call(me, billsQuery, { id: String(rich.id), first: 100, states: ['UNPAID', 'OVERDUE'] });
    expect(res.data?._entities[0].bills.nodes).toEqual(open.map(asBill));
    const settled = await call(me, billsQuery, { id: String(rich.id), first: 100, states: ['SETTLED'] });
    expect(settled.data?._entities[0].bills.totalCount).toBe(invoicesOf(rich.id).length - open.length);
  });

  it('answers another customer\'s account as missing (NOT_FOUND) without calling Billing; partners FORBIDDEN; agents read any', async () => {
    billing.resetStats();
    const res = await call(me, billsQuery, { id: String(other.id), first: 1 });
    expect(res.data?._entities).toEqual([null]);
    expect(res.errors?.map((e) => [e.path, e.message, e.extensions?.['code']])).toEqual([[['_entities', 0], notFoundMessage('Customer'), 'NOT_FOUND']]);
    const unknown = await call(me, billsQuery, { id: '999999999', first: 1 });
    expect({ status: unknown.status, data: unknown.data, errors: unknown.errors }).toEqual({ status: res.status, data: res.data, errors: res.errors });
    expect(codes(await call(principals.partner('P001'), billsQuery, { id: String(other.id), first: 1 }))).toEqual(['FORBIDDEN']);
    expect(codes(await call(principals.anonymous(), billsQuery, { id: String(other.id), first: 1 }))).toEqual(['UNAUTHENTICATED']);
    expect(billing.stats().total).toBe(0);
    const agent = await call(principals.agent(), billsQuery, { id: String(other.id), first: 1 });
    expect(agent.data?._entities[0].bills.nodes).toEqual(invoicesOf(other.id).slice(0, 1).map(asBill));
  });

  it('refuses a page larger than Billing allows', async () => {
    expect(codes(await call(me, billsQuery, { id: String(rich.id), first: 101 }))).toEqual(['BAD_USER_INPUT']);
  });
});

describe('Customer.balance', () => {
  const balanceQuery = (ids: string[]) => `{ _entities(representations: [${ids.map((id) => `{ __typename: "Customer", id: "${id}" }`).join(',')}]) {
    ... on Customer { id balance { openAmount { amount currency } overdueAmount { amount currency } } } } }`;

  it('batches 60 customers into one GetBalances call, with the right amounts', async () => {
    const customers = dataset.customers.slice(0, 60);
    billing.resetStats();
    const res = await call(principals.agent(), balanceQuery(customers.map((c) => String(c.id))));
    expect(res.errors).toBeUndefined();
    expect(soapCalls()).toEqual({ 'POST /BillingService#GetBalances': 1 });
    const sum = (id: number, open: (s: string) => boolean) => invoicesOf(id).filter((i) => open(i.status)).reduce((t, i) => t + i.amountInclTaxCents, 0);
    expect(res.data?._entities).toEqual(customers.map((c) => ({
      id: String(c.id), balance: { openAmount: money(sum(c.id, (s) => s !== 'PAID')), overdueAmount: money(sum(c.id, (s) => s === 'OVERDUE')) },
    })));
  });

  it('lets a customer read their own balance only, as a private 30 s cache hint', async () => {
    const own = await call(me, balanceQuery([String(rich.id)]));
    expect(own.data?._entities[0].balance.openAmount.currency).toBe('EUR');
    expect(own.headers.get('cache-control')).toBe('max-age=30, private');
    billing.resetStats();
    const theirs = await call(me, balanceQuery([String(other.id)]));
    expect(theirs.data?._entities).toEqual([null]);
    expect(refusals(theirs, 2)).toEqual(['_entities.0 NOT_FOUND']);
    expect(billing.stats().total).toBe(0);
  });

  it('answers NOT_FOUND for a customer Billing does not know, failing only that customer', async () => {
    const res = await call(principals.agent(), balanceQuery([String(rich.id), '999999999']));
    expect(res.data?._entities[0].balance).not.toBeNull();
    expect(res.data?._entities[1].balance).toBeNull();
    expect(res.errors?.map((e) => [e.path, e.extensions?.['code']])).toEqual([[['_entities', 1, 'balance'], 'NOT_FOUND']]);
  });
});

describe('bills by order and by id', () => {
  const invoiced = dataset.invoices.filter((i) => i.orderId !== null && i.customerId === rich.id);
  const orderQuery = (ids: string[]) => `{ _entities(representations: [${ids.map((id) => `{ __typename: "ProductOrder", id: "${id}" }`).join(',')}]) {
    ... on ProductOrder { id bill { ${BILL_FIELDS} } } } }`;

  it('resolves ProductOrder.bill for many orders with one GetInvoicesByOrders call; null when not invoiced', async () => {
    const orders = dataset.invoices.filter((i) => i.orderId !== null).slice(0, 40);
    billing.resetStats();
    const res = await call(principals.agent(), orderQuery([...orders.map((i) => i.orderId!), 'ORD-9999999']));
    expect(res.errors).toBeUndefined();
    expect(soapCalls()).toEqual({ 'POST /BillingService#GetInvoicesByOrders': 1 });
    expect(res.data?._entities).toEqual([...orders.map((i) => ({ id: i.orderId, bill: asBill(i) })), { id: 'ORD-9999999', bill: null }]);
  });

  it('shows a customer the bill of their own order only: another\'s is null, exactly as for an order without a bill', async () => {
    const foreign = dataset.invoices.find((i) => i.orderId !== null && i.customerId !== rich.id)!;
    const res = await call(me, orderQuery([invoiced[0]!.orderId!, foreign.orderId!]));
    expect(res.data?._entities[0].bill).toEqual(asBill(invoiced[0]!));
    expect(res.data?._entities[1]).toEqual({ id: foreign.orderId, bill: null });
    expect(res.errors).toBeUndefined();
    const none = await call(me, orderQuery([invoiced[0]!.orderId!, 'ORD-9999999']));
    expect({ errors: none.errors, bill: none.data?._entities[1].bill }).toEqual({ errors: undefined, bill: res.data?._entities[1].bill });
    // Partners never read bills: refused before Billing is called.
    billing.resetStats();
    const partner = await call(principals.partner('P001'), orderQuery([foreign.orderId!]));
    expect(partner.data?._entities).toEqual([{ id: foreign.orderId, bill: null }]);
    expect(codes(partner)).toEqual(['FORBIDDEN']);
    expect(billing.stats().total).toBe(0);
  });

  it('customerBill(id): own bill; NOT_FOUND when unknown, and exactly the same for someone else\'s', async () => {
    const query = `query($id: ID!) { customerBill(id: $id) { ${BILL_FIELDS} } }`;
    const subscription = invoicesOf(rich.id).find((i) => i.orderId === null) ?? invoicesOf(rich.id)[0]!;
    expect((await call(me, query, { id: subscription.number })).data?.customerBill).toEqual(asBill(subscription));
    const missing = await call(me, query, { id: 'F1999-999999' });
    expect(missing.data?.customerBill).toBeNull();
    expect(missing.errors).toEqual([{ message: notFoundMessage('CustomerBill'), locations: expect.any(Array), path: ['customerBill'], extensions: { code: 'NOT_FOUND' } }]);
    const theirs = await call(me, query, { id: invoicesOf(other.id)[0]!.number });
    expect({ status: theirs.status, data: theirs.data, errors: theirs.errors }).toEqual({ status: missing.status, data: missing.data, errors: missing.errors });
  });

  it('answers another customer\'s bill entity exactly as an unknown one, failing that entity alone', async () => {
    const query = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on CustomerBill { id state amountDue { amount } } } }';
    const entities = async (ids: string[]) => {
      const res = await call(me, query, { r: ids.map((id) => ({ __typename: 'CustomerBill', id })) });
      return { status: res.status, data: res.data, errors: res.errors };
    };
    const mine = invoicesOf(rich.id)[0]!.number;
    const theirs = await entities([mine, invoicesOf(other.id)[0]!.number]);
    expect(theirs.data?._entities[0]).toMatchObject({ id: mine });
    expect(theirs.data?._entities[1]).toBeNull();
    expect(theirs.errors).toEqual([{ message: notFoundMessage('CustomerBill'), locations: expect.any(Array), path: ['_entities', 1], extensions: { code: 'NOT_FOUND' } }]);
    expect(theirs).toEqual(await entities([mine, 'F1999-999999']));
  });

  it('resolves CustomerBill references in one GetInvoices call, each failing alone', async () => {
    const [a, b] = invoicesOf(rich.id);
    billing.resetStats();
    const res = await call(principals.agent(), `{ _entities(representations: [
      { __typename: "CustomerBill", id: "${a!.number}" }, { __typename: "CustomerBill", id: "F1999-999999" }, { __typename: "CustomerBill", id: "${b!.number}" }
    ]) { ... on CustomerBill { id state } } }`);
    expect(soapCalls()).toEqual({ 'POST /BillingService#GetInvoices': 1 });
    expect(res.data?._entities).toEqual([{ id: a!.number, state: STATE[a!.status] }, null, { id: b!.number, state: STATE[b!.status] }]);
    expect(codes(res)).toEqual(['NOT_FOUND']);
  });
});

describe('when Billing fails', () => {
  const home = `{ _entities(representations: [{ __typename: "Customer", id: "${rich.id}" }]) {
    ... on Customer { id balance { openAmount { amount } } bills(first: 3) { totalCount } } } }`;
  const LEAKS = /127\.0\.0\.1|localhost|:\d{4,5}\b|BILL-PRD|ORA-|TNS|SELECT|StackTrace|at com\.|at org\.|BIL-/;

  it('nulls only Billing fields with UPSTREAM_ERROR on a soap:Server fault, leaking nothing', async () => {
    billing.setKnobs({ errorRate: 1 });
    try {
      const res = await call(me, home);
      expect(res.data?._entities[0]).toEqual({ id: String(rich.id), balance: null, bills: null });
      expect(codes(res).sort()).toEqual(['UPSTREAM_ERROR', 'UPSTREAM_ERROR']);
      expect(JSON.stringify(res.errors)).not.toMatch(LEAKS);
    } finally {
      billing.setKnobs({ errorRate: 0 });
    }
  });

  it('answers UPSTREAM_TIMEOUT when Billing hangs, and UPSTREAM_UNAVAILABLE when it is gone', async () => {
    billing.setKnobs({ hang: true });
    try {
      const res = await callSubgraph(impatient.url, 'billing', me, home);
      expect(res.data?._entities[0]).toEqual({ id: String(rich.id), balance: null, bills: null });
      expect(codes(res)).toEqual(['UPSTREAM_TIMEOUT', 'UPSTREAM_TIMEOUT']);
      expect(JSON.stringify(res.errors)).not.toMatch(LEAKS);
    } finally {
      billing.setKnobs({ hang: false });
    }
    const dead = createBillingSubgraph({ billingUrl: 'http://127.0.0.1:1', timeoutMs: 1_000, maxResponseBytes: 1_000, resilience: FAULTS_ONLY });
    const deadServer = await startSubgraph(dead, { port: 0, internalTokenPublicKey: TEST_KEYS.publicKeyPem });
    try {
      const res = await callSubgraph(deadServer.url, 'billing', me, home);
      expect(codes(res)).toEqual(['UPSTREAM_UNAVAILABLE', 'UPSTREAM_UNAVAILABLE']);
      expect(JSON.stringify(res.errors)).not.toMatch(LEAKS);
    } finally {
      await deadServer.stop();
    }
  });
});

describe('billing subgraph boundary', () => {
  it('refuses a missing or forged internal token', async () => {
    const missing = await call(null, '{ __typename }');
    expect(missing.status).toBe(401);
    expect(codes(missing)).toEqual(['UNAUTHENTICATED']);
    const forged = await call(null, '{ __typename }', {}, 'eyJhbGciOiJub25lIn0.eyJyb2xlIjoiYWdlbnQifQ.');
    expect(forged.status).toBe(401);
  });

});
