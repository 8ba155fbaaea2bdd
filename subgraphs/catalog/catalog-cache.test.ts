// The catalog subgraph's cache of catalogue records: what it saves the Catalogue, ETag revalidation of
// stale entries, stale-if-error, Redis down, and two instances sharing Redis. Clocks are controlled: no
// test waits for a time to live.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDataset } from '../../dev/legacy/common/dataset.ts';
import type { StandInHandle } from '../../dev/legacy/common/stand-in.ts';
import { startCatalogue } from '../../dev/legacy/catalogue/server.ts';
import { redisUp, TEST_REDIS_URL } from '../../test/support/redis.ts';
import { callSubgraph, principals, TEST_KEYS, type GraphQLResult } from '../../test/support/subgraph-client.ts';
import { startSubgraph } from '../runtime/serving/serve.ts';
import { CATALOGUE_CACHE_DEFAULTS } from './catalogue/catalogue-data-source.ts';
import type { CatalogConfigInput } from './config.ts';
import { createCatalogSubgraph, type CatalogSubgraph } from './index.ts';
import { FAULTS_ONLY } from '../../test/support/faults-only.ts';

const DATASET = { offerings: 120 };
const dataset = getDataset(DATASET);
const OFFERINGS_TTL_S = CATALOGUE_CACHE_DEFAULTS.offerings.ttlSeconds;
const CATEGORIES_TTL_S = CATALOGUE_CACHE_DEFAULTS.categories.ttlSeconds;
const NO_CACHE = { offerings: { ttlSeconds: 0, staleSeconds: 0 }, categories: { ttlSeconds: 0, staleSeconds: 0 } };

let catalogue: StandInHandle;
const stops: (() => Promise<void>)[] = [];
beforeAll(async () => { catalogue = await startCatalogue({ port: 0, dataset: DATASET }); });
afterAll(async () => {
  for (const stop of stops) await stop();
  await catalogue?.close();
});

interface Catalog { definition: CatalogSubgraph; call(query: string, variables?: Record<string, unknown>): Promise<GraphQLResult<Record<string, any>>>; advance(seconds: number): void }

async function startCatalog(cache: Omit<NonNullable<CatalogConfigInput['cache']>, 'now'> = {}): Promise<Catalog> {
  let now = Date.now();
  const definition = createCatalogSubgraph({ catalogueUrl: catalogue.url, timeoutMs: 1_000, maxResponseBytes: 1024 * 1024, cache: { ...cache, now: () => now }, resilience: FAULTS_ONLY });
  const server = await startSubgraph(definition, { port: 0, internalTokenPublicKey: TEST_KEYS.publicKeyPem });
  stops.push(() => server.stop());
  return {
    definition,
    call: (query, variables = {}) => callSubgraph(server.url, 'catalog', principals.anonymous(), query, variables),
    advance: (seconds) => { now += seconds * 1000; },
  };
}

const OFFERING = 'query ($id: ID!) { productOffering(id: $id) { id name price { amount } category { name } } }';
const PAGE = '{ productOfferings(first: 20) { totalCount nodes { id name price { amount } category { name } } } }';
const ENTITIES = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on ProductOffering { id name price { amount } } } }';
const refs = (from: number, count: number) => dataset.offerings.slice(from, from + count).map((o) => ({ __typename: 'ProductOffering', id: o.code }));
const routes = (): Record<string, number> => catalogue.stats().byRoute;

/** The web catalogue page and the offerings of an account home, `rounds` times; every answer checked. */
async function browse(catalog: Catalog, rounds: number): Promise<void> {
  for (let i = 0; i < rounds; i += 1) {
    for (const result of [await catalog.call(PAGE), await catalog.call(ENTITIES, { r: refs(40, 20) })]) expect(result.errors).toBeUndefined();
  }
}

describe('catalog cache in memory', () => {
  it('ten rounds of catalogue reads cost the Catalogue 3 calls instead of 30', async () => {
    const cached = await startCatalog();
    const uncached = await startCatalog({ policies: NO_CACHE });
    catalogue.resetStats();
    await browse(uncached, 10);
    expect(catalogue.stats().total).toBe(30);
    catalogue.resetStats();
    await browse(cached, 10);
    expect(routes()).toEqual({ 'GET /catalog/v2/offerings': 1, 'GET /catalog/v2/categories': 1, 'GET /catalog/v2/offerings?codes': 1 });
    expect(cached.definition.catalogue.offeringCache.stats).toMatchObject({ missed: 20, fresh: 180, loads: 1 });
  });

  it('serves a stale offering at once and revalidates it with its ETag (304), then sees a change', async () => {
    const catalog = await startCatalog();
    const first = await catalog.call(OFFERING, { id: 'PO-0003' });
    catalog.advance(OFFERINGS_TTL_S + 1);
    catalogue.resetStats();
    expect((await catalog.call(OFFERING, { id: 'PO-0003' })).data).toEqual(first.data);
    await catalog.definition.catalogue.settle();
    expect(routes()).toEqual({ 'GET /catalog/v2/offerings/:code [304]': 1 });

    await fetch(`${catalogue.url}/__admin/offerings/PO-0003`, { method: 'PUT', body: JSON.stringify({ listPriceCents: 4200 }) });
    catalog.advance(OFFERINGS_TTL_S + 1);
    expect((await catalog.call(OFFERING, { id: 'PO-0003' })).data).toEqual(first.data);
    await catalog.definition.catalogue.settle();
    expect((await catalog.call(OFFERING, { id: 'PO-0003' })).data?.productOffering.price).toEqual({ amount: '42.00' });
    expect(routes()).toEqual({ 'GET /catalog/v2/offerings/:code [304]': 1, 'GET /catalog/v2/offerings/:code': 1 });
  });

  it('keeps categories for an hour, then revalidates them: a renamed category shows after the refresh', async () => {
    const catalog = await startCatalog();
    const CATEGORIES = '{ categories { id name } }';
    const before = await catalog.call(CATEGORIES);
    await fetch(`${catalogue.url}/__admin/categories/CAT-04`, { method: 'PUT', body: JSON.stringify({ label: 'Renamed' }) });
    catalog.advance(OFFERINGS_TTL_S + 1);
    expect((await catalog.call(CATEGORIES)).data).toEqual(before.data);
    catalog.advance(CATEGORIES_TTL_S);
    catalogue.resetStats();
    expect((await catalog.call(CATEGORIES)).data).toEqual(before.data);
    await catalog.definition.catalogue.settle();
    expect((await catalog.call(CATEGORIES)).data?.categories[3]).toEqual({ id: 'CAT-04', name: 'Renamed' });
    expect(routes()).toEqual({ 'GET /catalog/v2/categories': 1 });
  });

  it('serves stale data while the Catalogue fails (stale-if-error), and the coded error once the window is over', async () => {
    const catalog = await startCatalog();
    const fresh = await catalog.call(PAGE);
    catalogue.setKnobs({ errorRate: 1 });
    try {
      catalog.advance(OFFERINGS_TTL_S + 1);
      for (let i = 0; i < 3; i += 1) {
        const stale = await catalog.call(PAGE);
        expect(stale.errors).toBeUndefined();
        expect(stale.data).toEqual(fresh.data);
        await catalog.definition.catalogue.settle();
      }
      expect(catalog.definition.catalogue.pageCache.stats.refreshFailures).toBe(3);
      catalog.advance(CATALOGUE_CACHE_DEFAULTS.offerings.staleSeconds);
      const expired = await catalog.call(PAGE);
      expect(expired.data?.productOfferings).toBeNull();
      expect(expired.errors?.[0]?.extensions?.['code']).toBe('UPSTREAM_ERROR');
    } finally {
      catalogue.setKnobs({ errorRate: 0 });
    }
  });

  it('does not cache what the Catalogue does not know', async () => {
    const catalog = await startCatalog();
    catalogue.resetStats();
    for (let i = 0; i < 2; i += 1) expect((await catalog.call(OFFERING, { id: 'PO-9999' })).errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
    expect(catalogue.stats().total).toBe(2);
  });
});

describe('catalog cache when Redis is down', () => {
  it('reads from the Catalogue on every request, without an error', async () => {
    const catalog = await startCatalog({ redisUrl: 'redis://127.0.0.1:1' });
    catalogue.resetStats();
    await browse(catalog, 2);
    expect(catalogue.stats().total).toBe(6);
    expect(catalog.definition.catalogue.offeringCache.stats.loads).toBe(2);
  });
});

// Skipped only where no Redis answers and none is required (CI requires it: see test/support/redis.ts).
describe.skipIf(!redisUp)('catalog cache shared in Redis (real Redis)', () => {
  const cache = { redisUrl: TEST_REDIS_URL, keyPrefix: `passerelle-test:${randomUUID()}:` };
  // Categories live a day: leave nothing behind in a developer's Redis.
  afterAll(async () => {
    const raw = new Redis(TEST_REDIS_URL);
    const keys = await raw.keys(`${cache.keyPrefix}*`);
    if (keys.length > 0) await raw.del(...keys);
    raw.disconnect();
  });

  it('two instances reading the same catalogue data cost the Catalogue one call per kind of read', async () => {
    const [one, two] = [await startCatalog(cache), await startCatalog(cache)];
    for (const instance of [one, two]) expect(await instance.definition.catalogue.store.ready()).toBe(true);
    catalogue.resetStats();
    await browse(one, 5);
    await browse(two, 5);
    const single = [await one.call(OFFERING, { id: 'PO-0100' }), await two.call(OFFERING, { id: 'PO-0100' })];
    expect(single[1]?.data).toEqual(single[0]?.data);
    expect(routes()).toEqual({
      'GET /catalog/v2/offerings': 1, 'GET /catalog/v2/categories': 1, 'GET /catalog/v2/offerings?codes': 1, 'GET /catalog/v2/offerings/:code': 1,
    });
  });

  it('one instance refreshes a stale entry, the other reads the refreshed one', async () => {
    const [one, two] = [await startCatalog(cache), await startCatalog(cache)];
    for (const instance of [one, two]) await instance.definition.catalogue.store.ready();
    await one.call(OFFERING, { id: 'PO-0101' });
    await fetch(`${catalogue.url}/__admin/offerings/PO-0101`, { method: 'PUT', body: JSON.stringify({ listPriceCents: 1234 }) });
    one.advance(OFFERINGS_TTL_S + 1);
    catalogue.resetStats();
    expect((await one.call(OFFERING, { id: 'PO-0101' })).data?.productOffering.price).not.toEqual({ amount: '12.34' });
    await one.definition.catalogue.settle();
    expect((await two.call(OFFERING, { id: 'PO-0101' })).data?.productOffering.price).toEqual({ amount: '12.34' });
    expect(routes()).toEqual({ 'GET /catalog/v2/offerings/:code': 1 });
  });
});
