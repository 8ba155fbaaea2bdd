import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDataset } from '../../dev/legacy/common/dataset.ts';
import type { StandInHandle } from '../../dev/legacy/common/stand-in.ts';
import { startCatalogue } from '../../dev/legacy/catalogue/server.ts';
import { callSubgraph, principals, TEST_KEYS } from '../../test/support/subgraph-client.ts';
import type { Principal } from '../../contracts/principal.ts';
import { startSubgraph, type RunningSubgraph } from '../runtime/serving/serve.ts';
import { createCatalogSubgraph, type CatalogSubgraph } from './index.ts';

const DATASET = { offerings: 250 };
/** Pictures go through a public base (the gateway's /media in the stack), never the Catalogue's host. */
const MEDIA_BASE = 'http://127.0.0.1:4000/media';
const NO_CACHE = { offerings: { ttlSeconds: 0, staleSeconds: 0 }, categories: { ttlSeconds: 0, staleSeconds: 0 } };
const dataset = getDataset(DATASET);
const cents = (c: number): string => `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`;
let catalogue: StandInHandle;
let definition: CatalogSubgraph;
let subgraph: RunningSubgraph;

const query = (principal: Principal | null, text: string, variables: Record<string, unknown> = {}) =>
  callSubgraph(subgraph.url, 'catalog', principal, text, variables);
const calls = (): Record<string, number> => catalogue.stats().byRoute;

beforeAll(async () => {
  catalogue = await startCatalogue({ port: 0, dataset: DATASET });
  // This file counts what each read costs the Catalogue, so the cache is off; catalog-cache.test.ts covers it.
  definition = createCatalogSubgraph({ catalogueUrl: catalogue.url, mediaBaseUrl: MEDIA_BASE, timeoutMs: 2_000, maxResponseBytes: 1024 * 1024, cache: { policies: NO_CACHE } });
  subgraph = await startSubgraph(definition, { port: 0, internalTokenPublicKey: TEST_KEYS.publicKeyPem });
});
afterAll(async () => {
  await subgraph?.stop();
  await definition?.close();
  await catalogue?.close();
});

const OFFERING = `query ($id: ID!) { productOffering(id: $id) {
  id name description category { id name } price { amount currency } images { thumbnailUrl mediumUrl largeUrl }
  launchedOn isBundle } }`;

describe('catalog subgraph: offerings', () => {
  it('maps one offering from the Catalogue to clean domain types, publicly cacheable', async () => {
    const record = dataset.offerings[0]!;
    const category = dataset.categories.find((c) => c.id === record.categoryId)!;
    const result = await query(principals.anonymous(), OFFERING, { id: 'PO-0001' });
    expect(result.errors).toBeUndefined();
    expect(result.data?.productOffering).toEqual({
      id: 'PO-0001', name: record.name, description: record.description, category: { id: category.id, name: category.name },
      price: { amount: cents(record.priceCents), currency: 'EUR' },
      images: {
        thumbnailUrl: `${MEDIA_BASE}/PO-0001/thumb.svg`,
        mediumUrl: `${MEDIA_BASE}/PO-0001/medium.svg`,
        largeUrl: `${MEDIA_BASE}/PO-0001/large.svg`,
      },
      launchedOn: record.launchedAt, isBundle: record.isBundle,
    });
    expect(result.headers.get('cache-control')).toBe('max-age=300, public');
    expect(JSON.stringify(result.data)).not.toContain(catalogue.url);
    // The path under the public base is the Catalogue's, which the gateway's /media streams from.
    const image = await fetch(`${catalogue.url}/media/${(result.data?.productOffering.images.thumbnailUrl as string).slice(MEDIA_BASE.length + 1)}`);
    expect(image.headers.get('content-type')).toBe('image/svg+xml');
  });

  it('answers NOT_FOUND for an unknown code and BAD_USER_INPUT for a malformed one, without a call for the latter', async () => {
    const unknown = await query(principals.anonymous(), OFFERING, { id: 'PO-9999' });
    expect(unknown.data?.productOffering).toBeNull();
    expect(unknown.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
    catalogue.resetStats();
    const malformed = await query(principals.anonymous(), OFFERING, { id: '../__admin/knobs' });
    expect(malformed.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(catalogue.stats().total).toBe(0);
  });

  it('pages through offerings with cursors, one Catalogue call per page', async () => {
    const PAGE = 'query ($after: String, $cat: ID) { productOfferings(first: 100, after: $after, categoryId: $cat) { totalCount nodes { id } pageInfo { hasNextPage endCursor } } }';
    catalogue.resetStats();
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const result = await query(principals.anonymous(), PAGE, { after });
      const connection = result.data?.productOfferings;
      expect(connection.totalCount).toBe(250);
      seen.push(...connection.nodes.map((n: { id: string }) => n.id));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(seen).toEqual(dataset.offerings.map((o) => o.code));
    expect(calls()).toEqual({ 'GET /catalog/v2/offerings': 3 });

    const inCategory = await query(principals.anonymous(), PAGE, { cat: 'CAT-02' });
    expect(inCategory.data?.productOfferings.nodes.map((n: { id: string }) => n.id))
      .toEqual(dataset.offerings.filter((o) => o.categoryId === 'CAT-02').map((o) => o.code));
    const tooMany = await query(principals.anonymous(), '{ productOfferings(first: 101) { totalCount } }');
    expect(tooMany.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
  });

  it('resolves 250 entity references in 3 Catalogue calls, failing only the unknown one', async () => {
    const codes = dataset.offerings.map((o) => o.code);
    const representations = [...codes.slice(0, 120), 'PO-9999', ...codes.slice(120)].map((id) => ({ __typename: 'ProductOffering', id }));
    catalogue.resetStats();
    const result = await query(principals.anonymous(),
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on ProductOffering { id name price { amount } } } }',
      { r: representations });
    expect(catalogue.stats().total).toBe(3);
    const entities = result.data?._entities as ({ id: string; name: string } | null)[];
    expect(entities).toHaveLength(251);
    expect(entities[120]).toBeNull();
    expect(entities.filter((e) => e !== null).map((e) => e!.id)).toEqual(codes);
    expect(entities[0]?.name).toBe(dataset.offerings[0]!.name);
    expect(result.errors).toHaveLength(1);
    expect(result.errors?.[0]).toMatchObject({ path: ['_entities', 120], extensions: { code: 'NOT_FOUND' } });
  });
});

describe('catalog subgraph: partner prices', () => {
  const PARTNER_PRICE = '{ productOffering(id: "PO-0005") { id name partnerPrice { amount currency } } }';
  const record = dataset.offerings[4]!;

  it.each([['partner', principals.partner('P001')], ['agent', principals.agent()]])('shows them to a %s, privately cached', async (_, principal) => {
    const result = await query(principal, PARTNER_PRICE);
    expect(result.errors).toBeUndefined();
    expect(result.data?.productOffering.partnerPrice).toEqual({ amount: cents(record.partnerPriceCents), currency: 'EUR' });
    expect(result.headers.get('cache-control')).toBe('max-age=300, private');
  });

  it.each([
    ['customer', principals.customer('100001'), 'FORBIDDEN'],
    ['partner off the partner portal', { ...principals.partner('P001'), channel: 'web' as const }, 'FORBIDDEN'],
    ['anonymous visitor', principals.anonymous(), 'UNAUTHENTICATED'],
  ])('refuses them to a %s (null + a coded error), keeping the rest', async (_, principal, code) => {
    const result = await query(principal, PARTNER_PRICE);
    expect(result.data?.productOffering).toEqual({ id: 'PO-0005', name: record.name, partnerPrice: null });
    expect(result.errors).toHaveLength(1);
    expect(result.errors?.[0]).toMatchObject({ path: ['productOffering', 'partnerPrice'], extensions: { code } });
  });
});

describe('catalog subgraph: categories', () => {
  it('lists categories with their offerings', async () => {
    const result = await query(principals.anonymous(), '{ categories { id name offerings(first: 3) { totalCount nodes { id category { id } } } } }');
    expect(result.errors).toBeUndefined();
    const categories = result.data?.categories as { id: string; name: string; offerings: { totalCount: number; nodes: { id: string; category: { id: string } }[] } }[];
    expect(categories.map((c) => ({ id: c.id, name: c.name }))).toEqual(dataset.categories.map((c) => ({ id: c.id, name: c.name })));
    for (const category of categories) {
      expect(category.offerings.totalCount).toBe(dataset.offerings.filter((o) => o.categoryId === category.id).length);
      expect(category.offerings.nodes.every((n) => n.category.id === category.id)).toBe(true);
    }
    expect(result.headers.get('cache-control')).toBe('max-age=300, public');
  });

  it('reads categories once per request however many offerings name theirs', async () => {
    catalogue.resetStats();
    const result = await query(principals.anonymous(), '{ productOfferings(first: 50) { nodes { category { name } } } }');
    expect(result.errors).toBeUndefined();
    expect(result.data?.productOfferings.nodes.every((n: { category: { name: string } }) => typeof n.category.name === 'string')).toBe(true);
    expect(catalogue.stats().total).toBe(2);
  });

  it('resolves Category references and refuses unknown ones', async () => {
    const result = await query(principals.anonymous(),
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Category { id name } } }',
      { r: [{ __typename: 'Category', id: 'CAT-01' }, { __typename: 'Category', id: 'CAT-99' }] });
    expect(result.data?._entities).toEqual([{ id: 'CAT-01', name: dataset.categories[0]!.name }, null]);
    expect(result.errors?.[0]).toMatchObject({ path: ['_entities', 1], extensions: { code: 'NOT_FOUND' } });
  });
});
