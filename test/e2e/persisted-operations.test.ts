// The channels' operations by id, through the whole stack in production: the mobile app runs its
// manifest's operations over POST and GET (mutations over POST only), and nothing else; the web keeps
// documents and APQ beside its own manifest.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operationId } from '../../contracts/manifest-format.ts';
import { postJson } from '../support/http.ts';
import { getGraphQL, persistedQuery } from '../support/persisted.ts';
import type { CustomerRecord } from '../../dev/legacy/common/dataset.ts';
import { customerWith, startE2E, type E2E } from './harness.ts';

const manifestIds = (channel: string): Record<string, string> => Object.fromEntries(
  JSON.parse(readFileSync(new URL(`../../clients/${channel}/persisted-query-manifest.json`, import.meta.url), 'utf8'))
    .operations.map((op: { name: string; id: string }) => [op.name, op.id]));
const MOBILE_IDS = manifestIds('mobile');
const WEB_IDS = manifestIds('web');
const PARTNER_IDS = manifestIds('partner');
const CLIENTS = { mobile: 'passerelle-mobile', web: 'passerelle-web', partner: 'partner-portal' } as const;
const PREFLIGHT = { 'apollo-require-preflight': 'true' };
const codeOf = (res: { body: { errors?: { extensions?: { code?: string } }[] } }) => res.body.errors?.[0]?.extensions?.code;

describe('persisted operations through the stack, in production', () => {
  let e2e: E2E;
  let customer: CustomerRecord;
  let customerId: string;
  const headers: Partial<Record<keyof typeof CLIENTS, Record<string, string>>> = {};
  const as = (channel: keyof typeof CLIENTS) => headers[channel] as Record<string, string>;
  const byId = (channel: keyof typeof CLIENTS, operationName: string, id: string | undefined, variables = {}) =>
    postJson(e2e.stack.gateway.url, { operationName, variables, extensions: persistedQuery(id as string) }, as(channel));

  beforeAll(async () => {
    e2e = await startE2E({ production: true, dataset: { customers: 200, orders: 2000, invoices: 2400 } });
    customer = customerWith(e2e.dataset, { orders: 3 });
    customerId = String(customer.id);
    // Each app's token is issued to that app: production refuses a declared client that contradicts the token's.
    for (const [channel, name] of Object.entries(CLIENTS)) {
      const token = await e2e.stack.idp.tokenFor(channel === 'partner' ? 'partner' : `customer:${customerId}`, { client: name });
      headers[channel as keyof typeof CLIENTS] = { 'apollographql-client-name': name, 'apollographql-client-version': '2.1.0', authorization: `Bearer ${token}` };
    }
  });
  afterAll(() => e2e.stack.stop());

  it('runs the mobile account home by id, over POST and over GET with the same answer', async () => {
    const post = await byId('mobile', 'AccountHome', MOBILE_IDS['AccountHome']);
    expect(post.body.errors).toBeUndefined();
    expect(post.body.data.me).toMatchObject({ id: customerId, orders: { totalCount: 3 } });
    const get = await getGraphQL(e2e.stack.gateway.url, { operationName: 'AccountHome', extensions: persistedQuery(MOBILE_IDS['AccountHome'] as string) }, { ...as('mobile'), ...PREFLIGHT });
    expect([get.status, get.body]).toEqual([200, post.body]);
    const bare = await getGraphQL(e2e.stack.gateway.url, { extensions: persistedQuery(MOBILE_IDS['AccountHome'] as string) }, as('mobile'));
    expect([bare.status, codeOf(bare)]).toEqual([400, 'BAD_REQUEST']);
  });

  it('runs queries with variables in the URL, and mutations by id over POST but never over GET (405)', async () => {
    const orderId = e2e.dataset.ordersByCustomer.get(customer.id)?.[0]?.id;
    expect(orderId).toBeDefined();
    const tracking = await getGraphQL(e2e.stack.gateway.url, { operationName: 'OrderTracking', variables: { orderId }, extensions: persistedQuery(MOBILE_IDS['OrderTracking'] as string) }, { ...as('mobile'), ...PREFLIGHT });
    expect(tracking.body.data.productOrder.id).toBe(orderId);

    const [offering] = e2e.dataset.offerings;
    const added = await byId('web', 'AddToCart', WEB_IDS['AddToCart'], { productOfferingId: offering?.code, quantity: 2 });
    expect(added.body.errors).toBeUndefined();
    const cart = (await byId('mobile', 'MobileCart', MOBILE_IDS['MobileCart'])).body.data.me.cart;
    const itemId = cart.items[0].id;
    const changed = await byId('mobile', 'ChangeCartItemQuantity', MOBILE_IDS['ChangeCartItemQuantity'], { itemId, quantity: 3 });
    expect(changed.body.errors).toBeUndefined();
    expect(changed.body.data.updateCartItemQuantity.itemCount).toBe(3);

    const overGet = await getGraphQL(e2e.stack.gateway.url, { operationName: 'ChangeCartItemQuantity', variables: { itemId, quantity: 0 }, extensions: persistedQuery(MOBILE_IDS['ChangeCartItemQuantity'] as string) }, { ...as('mobile'), ...PREFLIGHT });
    expect([overGet.status, codeOf(overGet), overGet.headers.get('allow')]).toEqual([405, 'BAD_REQUEST', 'POST']);
    expect((await byId('mobile', 'MobileCart', MOBILE_IDS['MobileCart'])).body.data.me.cart.itemCount).toBe(3);
  });

  it('refuses mobile documents and APQ, and ids of the web manifest', async () => {
    const doc = readFileSync(new URL('../../clients/mobile/operations/AccountHome.graphql', import.meta.url), 'utf8');
    const adHoc = await postJson(e2e.stack.gateway.url, { query: doc }, as('mobile'));
    expect([adHoc.status, codeOf(adHoc)]).toEqual([400, 'PERSISTED_QUERY_REQUIRED']);
    const apq = await postJson(e2e.stack.gateway.url, { query: doc, extensions: persistedQuery(operationId(doc)) }, as('mobile'));
    expect([apq.status, codeOf(apq)]).toEqual([400, 'PERSISTED_QUERY_REQUIRED']);
    const foreign = await byId('mobile', 'CatalogPage', WEB_IDS['CatalogPage']);
    expect([foreign.status, codeOf(foreign), foreign.body.data]).toEqual([200, 'PERSISTED_QUERY_NOT_FOUND', undefined]);
  });

  it('the partner portal runs its own manifest only, with partner prices and stock (scenario 3); the web runs ids, documents and APQ', async () => {
    const partner = as('partner');
    expect(codeOf(await postJson(e2e.stack.gateway.url, { query: '{ categories { id } }' }, partner))).toBe('PERSISTED_QUERY_REQUIRED');
    expect(codeOf(await postJson(e2e.stack.gateway.url, { operationName: 'AccountHome', extensions: persistedQuery(MOBILE_IDS['AccountHome'] as string) }, partner))).toBe('PERSISTED_QUERY_NOT_FOUND');
    const catalogue = await postJson(e2e.stack.gateway.url, { operationName: 'PartnerCatalogPage', variables: { first: 3 }, extensions: persistedQuery(PARTNER_IDS['PartnerCatalogPage'] as string) }, partner);
    expect(catalogue.body.errors).toBeUndefined();
    for (const offering of catalogue.body.data.productOfferings.nodes) {
      expect(offering.partnerPrice.amount).toMatch(/^\d+\.\d{2}$/);
      expect(offering.availability.stockLevels.length).toBeGreaterThan(0);
    }
    const page = await byId('web', 'CatalogPage', WEB_IDS['CatalogPage'], { first: 2 });
    expect(page.body.data.productOfferings.nodes).toHaveLength(2);
    const query = '{ categories { id } }';
    expect((await postJson(e2e.stack.gateway.url, { query, extensions: persistedQuery(operationId(query)) }, as('web'))).body.data.categories.length).toBeGreaterThan(0);
    expect((await postJson(e2e.stack.gateway.url, { extensions: persistedQuery(operationId(query)) }, as('web'))).body.data.categories.length).toBeGreaterThan(0);
  });
});
