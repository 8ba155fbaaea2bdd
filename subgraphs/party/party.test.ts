import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { principals } from '../../test/support/subgraph-client.ts';
import { encodeCursor } from '../runtime/shared-types/connection.ts';
import { notFoundMessage } from '../runtime/authorization/not-found.ts';
import { codes, dataset, refusals, startPartyHarness, type PartyHarness } from '../../test/support/party-harness.ts';

const person = dataset.customers.find((c) => c.segment === 'PAR')!;
const company = dataset.customers.find((c) => c.segment === 'ENT')!;
const CUSTOMER_FIELDS = `id displayName segment customerSince city contactMedia { mediumType value }
  engagedParty { __typename ... on Individual { givenName familyName birthDate } ... on Organization { name tradingName } }`;
let h: PartyHarness;

beforeAll(async () => { h = await startPartyHarness(); });
afterAll(async () => { await h.stop(); });

describe('me', () => {
  it('answers the signed-in customer, mapped from the CRM, for one CRM call', async () => {
    h.crm.resetStats();
    const res = await h.call(principals.customer(String(person.id)), `{ me { ${CUSTOMER_FIELDS} } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data?.me).toEqual({
      id: String(person.id), displayName: `${person.givenName} ${person.familyName}`, segment: 'CONSUMER',
      customerSince: person.createdAt, city: person.city,
      contactMedia: [{ mediumType: 'EMAIL', value: person.email }, { mediumType: 'PHONE', value: person.phone }],
      engagedParty: { __typename: 'Individual', givenName: person.givenName, familyName: person.familyName, birthDate: person.birthDate },
    });
    expect(h.crm.stats().total).toBe(1);
  });

  it('refuses anonymous callers and is null for agents and partners, without calling the CRM', async () => {
    h.crm.resetStats();
    const anonymous = await h.call(principals.anonymous(), '{ me { id } }');
    expect(anonymous.data?.me).toBeNull();
    expect(codes(anonymous)).toEqual(['UNAUTHENTICATED']);
    for (const principal of [principals.agent(), principals.partner('P001')]) {
      const res = await h.call(principal, '{ me { id displayName } }');
      expect(res.errors).toBeUndefined();
      expect(res.data?.me).toBeNull();
    }
    expect(h.crm.stats().total).toBe(0);
  });
});

describe('customer(id)', () => {
  const query = `query($id: ID!) { customer(id: $id) { ${CUSTOMER_FIELDS} } }`;

  it('lets an agent read any customer, businesses as organizations', async () => {
    const res = await h.call(principals.agent(), query, { id: String(company.id) });
    expect(res.data?.customer).toMatchObject({
      id: String(company.id), displayName: company.tradingName, segment: 'ENTERPRISE',
      engagedParty: { __typename: 'Organization', name: company.tradingName, tradingName: company.tradingName },
    });
  });

  it('lets customers read their own account only; another answers as missing (NOT_FOUND), before calling the CRM', async () => {
    const own = await h.call(principals.customer(String(person.id)), query, { id: String(person.id) });
    expect(own.data?.customer).toMatchObject({ id: String(person.id) });
    h.crm.resetStats();
    const other = await h.call(principals.customer(String(person.id)), query, { id: String(company.id) });
    expect(other.data?.customer).toBeNull();
    expect(refusals(other, 1)).toEqual(['customer NOT_FOUND']);
    // Answered alike whether the account exists or not: no way to probe for customer numbers.
    const unknown = await h.call(principals.customer(String(person.id)), query, { id: '999999' });
    expect({ data: unknown.data, errors: unknown.errors }).toEqual({ data: other.data, errors: other.errors });
    expect(codes(await h.call(principals.partner('P001'), query, { id: String(company.id) }))).toEqual(['FORBIDDEN']);
    expect(codes(await h.call(principals.anonymous(), query, { id: String(company.id) }))).toEqual(['UNAUTHENTICATED']);
    expect(h.crm.stats().total).toBe(0);
  });

  it("answers another customer's account exactly as one the CRM does not know: code, message, path, null and status", async () => {
    // A signed-in customer the CRM does not know: their own id is missing, anyone else's is another's.
    const ghost = principals.customer('999998');
    const another = await h.call(ghost, query, { id: String(company.id) });
    const missing = await h.call(ghost, query, { id: '999998' });
    expect(another.data).toEqual({ customer: null });
    expect(another.errors).toEqual([{ message: notFoundMessage('Customer'), locations: [{ line: 1, column: 19 }], path: ['customer'], extensions: { code: 'NOT_FOUND' } }]);
    expect({ status: missing.status, data: missing.data, errors: missing.errors }).toEqual({ status: another.status, data: another.data, errors: another.errors });
  });

  it('is null with NOT_FOUND for an id the CRM does not know, as for an account one may not see; malformed ids never reach it', async () => {
    const unknown = await h.call(principals.agent(), query, { id: '999999' });
    expect(unknown.data).toEqual({ customer: null });
    expect(unknown.errors?.map((e) => [e.path, e.message, e.extensions?.['code']])).toEqual([[['customer'], notFoundMessage('Customer'), 'NOT_FOUND']]);
    h.crm.resetStats();
    const smuggled = await h.call(principals.agent(), query, { id: `${person.id},${company.id}` });
    expect(smuggled.data?.customer).toBeNull();
    expect(codes(smuggled)).toEqual(['NOT_FOUND']);
    expect(h.crm.stats().total).toBe(0);
  });
});

describe('customers', () => {
  const query = 'query($first: Int, $after: String) { customers(first: $first, after: $after) { totalCount nodes { id displayName } edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }';
  const ids = (from: number, to: number): string[] => dataset.customers.slice(from, to).map((c) => String(c.id));

  it('maps an offset that is not a multiple of first to one CRM page', async () => {
    h.crm.resetStats();
    const res = await h.call(principals.agent(), query, { first: 7, after: encodeCursor(9) });
    const page = res.data?.customers;
    expect(page.nodes.map((n: { id: string }) => n.id)).toEqual(ids(10, 17));
    expect(page.nodes[0].displayName).toBeTruthy();
    expect(page.totalCount).toBe(dataset.customers.length);
    expect(page.pageInfo).toEqual({ hasNextPage: true, endCursor: page.edges[6].cursor });
    expect(h.crm.stats()).toMatchObject({ total: 1, byRoute: { 'GET /api/clients?page': 1 } });
  });

  it('walks every customer exactly once by following endCursor', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 20; guard++) {
      const res = await h.call(principals.agent(), query, { first: 33, after });
      seen.push(...res.data?.customers.nodes.map((n: { id: string }) => n.id));
      if (!res.data?.customers.pageInfo.hasNextPage) break;
      after = res.data.customers.pageInfo.endCursor;
    }
    expect(seen).toEqual(ids(0, dataset.customers.length));
  });

  it('is for agents only, and checks its arguments', async () => {
    expect(codes(await h.call(principals.customer(String(person.id)), query, {}))).toEqual(['FORBIDDEN']);
    expect(codes(await h.call(principals.anonymous(), query, {}))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await h.call(principals.agent(), query, { first: 101 }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await h.call(principals.agent(), query, { after: 'not-a-cursor' }))).toEqual(['BAD_USER_INPUT']);
  });
});
