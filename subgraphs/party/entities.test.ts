import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { principals } from '../../test/support/subgraph-client.ts';
import { notFoundMessage } from '../runtime/authorization/not-found.ts';
import { codes, dataset, refusals, startPartyHarness, type PartyHarness } from '../../test/support/party-harness.ts';

const ENTITIES = `query($representations: [_Any!]!) { _entities(representations: $representations) {
  ... on Customer { id displayName } ... on Partner { id name email } } }`;
const customerRep = (id: number | string) => ({ __typename: 'Customer', id: String(id) });
let h: PartyHarness;

beforeAll(async () => { h = await startPartyHarness(); });
afterAll(async () => { await h.stop(); });

describe('Customer entities', () => {
  it('resolves 120 customers in 3 CRM calls of at most 50 ids', async () => {
    const wanted = dataset.customers.slice(0, 120);
    h.crm.resetStats();
    const res = await h.call(principals.agent(), ENTITIES, { representations: wanted.map((c) => customerRep(c.id)) });
    expect(res.errors).toBeUndefined();
    expect(res.data?._entities.map((e: { id: string }) => e.id)).toEqual(wanted.map((c) => String(c.id)));
    expect(res.data?._entities[0].displayName).toBeTruthy();
    expect(h.crm.stats()).toMatchObject({ total: 3, byRoute: { 'GET /api/clients?ids': 3 } });
  });

  it('splits batches exactly at the CRM limit of 50 ids', async () => {
    for (const [count, calls] of [[50, 1], [51, 2], [150, 3]] as const) {
      h.crm.resetStats();
      const res = await h.call(principals.agent(), ENTITIES, { representations: dataset.customers.slice(0, count).map((c) => customerRep(c.id)) });
      expect(res.data?._entities.filter(Boolean)).toHaveLength(count);
      expect(h.crm.stats().total, `${count} customers`).toBe(calls);
    }
  });

  it("fails only another customer's entity, exactly as an unknown one (NOT_FOUND), without loading it", async () => {
    const [own, other] = dataset.customers;
    h.crm.resetStats();
    const res = await h.call(principals.customer(String(own!.id)), ENTITIES, { representations: [customerRep(own!.id), customerRep(other!.id)] });
    expect(res.data?._entities[0]).toMatchObject({ id: String(own!.id), displayName: expect.any(String) });
    expect(res.data?._entities[1]).toBeNull();
    expect(refusals(res, 2)).toEqual(['_entities.1 NOT_FOUND']);
    expect(h.crm.stats()).toMatchObject({ total: 1, byRoute: { 'GET /api/clients?ids': 1 } });
  });

  it("answers another customer's entity and a customer the CRM does not know with the very same error", async () => {
    // The signed-in customer exists nowhere in the CRM, so their own account is the unknown one here.
    const ghost = '999998';
    const [other] = dataset.customers;
    const asGhost = (id: string | number) => h.call(principals.customer(ghost), ENTITIES, { representations: [customerRep(id)] });
    const another = await asGhost(other!.id);
    const missing = await asGhost(ghost);
    expect(another.data).toEqual({ _entities: [null] });
    expect(another.errors).toEqual([{ message: notFoundMessage('Customer'), locations: expect.any(Array), path: ['_entities', 0], extensions: { code: 'NOT_FOUND' } }]);
    expect({ status: another.status, data: another.data, errors: another.errors }).toEqual({ status: missing.status, data: missing.data, errors: missing.errors });
  });

  it('refuses customer entities to partners and fails an unknown customer alone with NOT_FOUND', async () => {
    const partner = await h.call(principals.partner('P001'), ENTITIES, { representations: [customerRep(100_001)] });
    expect(partner.data?._entities).toEqual([null]);
    expect(refusals(partner, 2)).toEqual(['_entities.0 FORBIDDEN']);
    const mixed = await h.call(principals.agent(), ENTITIES, { representations: [customerRep(999_999), customerRep(100_002)] });
    expect(mixed.data?._entities[0]).toBeNull();
    expect(mixed.data?._entities[1]).toMatchObject({ id: '100002' });
    expect(mixed.errors?.[0]).toMatchObject({ path: ['_entities', 0], extensions: { code: 'NOT_FOUND' } });
  });
});

describe('partners', () => {
  it('serves a partner to anyone, null when unknown', async () => {
    const p = dataset.partners[1]!;
    const query = 'query($id: ID!) { partner(id: $id) { id name email } }';
    const res = await h.call(principals.anonymous(), query, { id: p.id });
    expect(res.data?.partner).toEqual({ id: p.id, name: p.name, email: p.email });
    const unknown = await h.call(principals.anonymous(), query, { id: 'P999' });
    expect(unknown.data?.partner).toBeNull();
    expect(unknown.errors).toBeUndefined();
  });

  it('resolves partner entities in one CRM call', async () => {
    h.crm.resetStats();
    const reps = dataset.partners.map((p) => ({ __typename: 'Partner', id: p.id }));
    const res = await h.call(principals.customer('100001'), ENTITIES, { representations: reps });
    expect(res.data?._entities.map((e: { name: string }) => e.name)).toEqual(dataset.partners.map((p) => p.name));
    expect(h.crm.stats()).toMatchObject({ total: 1, byRoute: { 'GET /api/partners?ids': 1 } });
  });
});

describe('cache hints', () => {
  it('marks customer data private for 60 s and partners public for 300 s', async () => {
    const customer = await h.call(principals.agent(), '{ customer(id: "100001") { id displayName engagedParty { __typename } contactMedia { value } } }');
    expect(customer.headers.get('cache-control')).toBe('max-age=60, private');
    const list = await h.call(principals.agent(), '{ customers(first: 2) { totalCount pageInfo { hasNextPage } nodes { id } } }');
    expect(list.headers.get('cache-control')).toBe('max-age=60, private');
    const partner = await h.call(principals.anonymous(), '{ partner(id: "P001") { id name } }');
    expect(partner.headers.get('cache-control')).toBe('max-age=300, public');
  });
});
