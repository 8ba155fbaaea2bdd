// Identity end to end: bearer tokens at the gateway, the internal token between gateway and subgraphs,
// and who may see what across customers, partners and agents.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callSubgraph, principals } from '../support/subgraph-client.ts';
import { postJson } from '../support/http.ts';
import { customerWith, errorCodes, startE2E, type E2E } from './harness.ts';

describe('identity and access through the gateway', () => {
  let e2e: E2E;
  beforeAll(async () => { e2e = await startE2E(); });
  afterAll(() => e2e.stack.stop());

  const query = (token: string | null, q: string, headers: Record<string, string> = {}) =>
    postJson(e2e.stack.gateway.url, { query: q }, { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers });

  it('refuses expired tokens and tokens for another audience or issuer with 401 UNAUTHENTICATED', async () => {
    for (const overrides of [{ expiresIn: Math.floor(Date.now() / 1000) - 60 }, { audience: 'another-api' }, { issuer: 'http://127.0.0.1:1' }]) {
      const res = await query(await e2e.stack.idp.tokenFor('agent', overrides), '{ me { id } }');
      expect(res.status).toBe(401);
      expect(res.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    }
  });

  it('never forwards client headers: a forged internal token from a client is ignored', async () => {
    const res = await query(null, '{ me { id } }', { 'passerelle-internal-token': 'eyJhbGciOiJub25lIn0.eyJyb2xlIjoiYWdlbnQifQ.' });
    expect(errorCodes(res)).toEqual({ me: 'UNAUTHENTICATED' });
  });

  it('subgraphs refuse direct calls without the gateway\'s token, and tokens signed by anyone else', async () => {
    for (const [name, subgraph] of Object.entries(e2e.stack.subgraphs)) {
      const bare = await callSubgraph(subgraph.url, name, null, '{ _service { sdl } }');
      expect(bare.status).toBe(401);
      const forged = await callSubgraph(subgraph.url, name, principals.agent(), '{ _service { sdl } }');
      expect(forged.status).toBe(401); // signed with the test key, not the gateway's
    }
  });

  it('a customer never reads another customer\'s account, bills included', async () => {
    const victim = customerWith(e2e.dataset, { orders: 40, openBills: true });
    const attacker = await e2e.stack.idp.tokenFor('customer');
    e2e.stack.resetLegacyCalls();
    const res = await query(attacker, `{ customer(id: "${victim.id}") { displayName bills { totalCount } balance { openAmount { amount } } } }`);
    expect(res.body.data.customer).toBeNull();
    expect(new Set(Object.values(errorCodes(res)))).toEqual(new Set(['NOT_FOUND']));
    expect(e2e.stack.legacyCalls()).toEqual({ crm: 0, catalogue: 0, oms: 0, billing: 0, erp: 0 });
    const agent = await query(await e2e.stack.idp.tokenFor('agent'), `{ customer(id: "${victim.id}") { displayName bills { totalCount } } }`);
    expect(agent.body.data.customer.bills.totalCount).toBeGreaterThan(0);
  });

  it('partner prices and stock levels for partners (on the partner portal) and agents only', async () => {
    const q = '{ productOffering(id: "PO-0001") { price { amount } partnerPrice { amount } availability { status stockLevels { warehouseCode } } } }';
    const portal = { 'apollographql-client-name': 'partner-portal', 'apollographql-client-version': '1.0.0' };
    const partner = await query(await e2e.stack.idp.tokenFor('partner'), q, portal);
    expect(partner.body.errors).toBeUndefined();
    expect(partner.body.data.productOffering.partnerPrice.amount).toMatch(/^\d+\.\d{2}$/);
    expect(partner.body.data.productOffering.availability.stockLevels.length).toBeGreaterThan(0);
    // Naming the portal in a header opens nothing: the partner channel needs a token issued to the portal, for a partner.
    for (const [who, code, headers] of [['customer', 'FORBIDDEN', {}], [null, 'UNAUTHENTICATED', {}], ['partner', 'FORBIDDEN', { 'apollographql-client-name': 'passerelle-web', 'apollographql-client-version': '1.0.0' }],
      [null, 'UNAUTHENTICATED', portal], ['customer', 'FORBIDDEN', portal]] as const) {
      const res = await query(who ? await e2e.stack.idp.tokenFor(who) : null, q, headers);
      expect(res.body.data.productOffering).toMatchObject({ price: { amount: expect.any(String) }, partnerPrice: null, availability: { stockLevels: null } });
      expect(errorCodes(res)).toEqual({ 'productOffering.partnerPrice': code, 'productOffering.availability.stockLevels': code });
    }
  });
});
