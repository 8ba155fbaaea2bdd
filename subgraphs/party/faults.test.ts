import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateInternalKeyPair, createInternalTokenSigner } from '../../contracts/internal-token.ts';
import { principals, TEST_KEYS } from '../../test/support/subgraph-client.ts';
import type { GraphQLResult } from '../../test/support/subgraph-client.ts';
import { codes, startPartyHarness, type PartyHarness } from '../../test/support/party-harness.ts';

/** Short, so that a hanging CRM costs the test little. */
const TIMEOUT_MS = 300;
let h: PartyHarness;

beforeAll(async () => { h = await startPartyHarness(TIMEOUT_MS); });
afterAll(async () => { await h.stop(); });

/** Nothing about where the CRM lives, nor its own error page, may reach a client. */
function expectNoLeak(res: GraphQLResult): void {
  const text = JSON.stringify(res.errors ?? []);
  for (const secret of ['127.0.0.1', 'localhost', String(h.crm.port), 'http', 'Tomcat', 'intra', '<html', 'stack']) expect(text).not.toContain(secret);
}

describe('internal token', () => {
  it('refuses a missing, forged or misdirected token', async () => {
    const otherKeys = generateInternalKeyPair();
    const forged = await createInternalTokenSigner(otherKeys.privateKeyPem)(principals.agent(), 'party');
    const forBilling = await createInternalTokenSigner(TEST_KEYS.privateKeyPem)(principals.agent(), 'billing');
    for (const token of [undefined, 'not-a-jwt', forged, forBilling]) {
      const res = await h.call(null, '{ customer(id: "100001") { id } }', {}, token);
      expect(res.status).toBe(401);
      expect(codes(res)).toEqual(['UNAUTHENTICATED']);
    }
    const entities = await h.call(null, '{ _service { sdl } }');
    expect(entities.status).toBe(401);
  });
});

describe('a failing CRM', () => {
  it('gives UPSTREAM_UNAVAILABLE when the CRM answers 503 pages', async () => {
    h.crm.setKnobs({ errorRate: 1 });
    try {
      const res = await h.call(principals.agent(), '{ customer(id: "100001") { id } customers(first: 5) { totalCount } partner(id: "P001") { name } }');
      expect(res.data).toEqual({ customer: null, customers: null, partner: null });
      expect(codes(res)).toEqual(['UPSTREAM_UNAVAILABLE', 'UPSTREAM_UNAVAILABLE', 'UPSTREAM_UNAVAILABLE']);
      expect(res.errors?.[0]?.message).toContain('CRM');
      expectNoLeak(res);
    } finally {
      h.crm.setKnobs({ errorRate: 0 });
    }
  });

  it("keeps the signed-in customer's id when the CRM is down: only CRM fields fail", async () => {
    h.crm.setKnobs({ errorRate: 1 });
    try {
      const res = await h.call(principals.customer('100001'), '{ me { id displayName } }');
      expect(res.data?.me).toEqual({ id: '100001', displayName: null });
      expect(res.errors?.[0]).toMatchObject({ path: ['me', 'displayName'], extensions: { code: 'UPSTREAM_UNAVAILABLE' } });
      expectNoLeak(res);
    } finally {
      h.crm.setKnobs({ errorRate: 0 });
    }
  });

  it('gives UPSTREAM_TIMEOUT when the CRM hangs, within the configured timeout', async () => {
    h.crm.setKnobs({ hang: true });
    try {
      const started = Date.now();
      const res = await h.call(principals.agent(), `query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { id displayName } } }`,
        { r: [{ __typename: 'Customer', id: '100001' }, { __typename: 'Customer', id: '100002' }] });
      expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 1_500);
      expect(res.data?._entities).toEqual([null, null]);
      expect(codes(res)).toEqual(['UPSTREAM_TIMEOUT', 'UPSTREAM_TIMEOUT']);
      expectNoLeak(res);
    } finally {
      h.crm.setKnobs({ hang: false });
    }
  });

  it('answers again once the CRM is back', async () => {
    const res = await h.call(principals.agent(), '{ customer(id: "100001") { id } }');
    expect(res).toMatchObject({ data: { customer: { id: '100001' } } });
    expect(res.errors).toBeUndefined();
  });
});

describe('the request budget the gateway signed', () => {
  const withBudget = (budgetMs: number) => createInternalTokenSigner(TEST_KEYS.privateKeyPem)(principals.agent(), 'party', budgetMs);

  it('starts no CRM call once the budget is spent: DEADLINE_EXCEEDED, and the CRM never hears of it', async () => {
    const before = h.crm.stats().total;
    const res = await h.call(null, '{ customer(id: "100001") { id } }', {}, await withBudget(0));
    expect(res.data?.customer).toBeNull();
    expect(codes(res)).toEqual(['DEADLINE_EXCEEDED']);
    expect(h.crm.stats().total).toBe(before);
  });

});
