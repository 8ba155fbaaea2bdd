import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDataset } from '../common/dataset.ts';
import type { StandInHandle } from '../common/stand-in.ts';
import { startCatalogue } from './server.ts';

const DATASET = { offerings: 120 };
const dataset = getDataset(DATASET);
let catalogue: StandInHandle;

const get = (path: string, headers: Record<string, string> = {}): Promise<Response> => fetch(catalogue.url + path, { headers });
const json = async (path: string): Promise<any> => (await get(path)).json();

beforeAll(async () => { catalogue = await startCatalogue({ port: 0, dataset: DATASET }); });
afterAll(async () => { await catalogue.close(); });

describe('Catalogue stand-in: offerings', () => {
  it('pages with offset/limit and echoes a capped limit', async () => {
    const page = await json('/catalog/v2/offerings?offset=10&limit=5');
    expect(page).toMatchObject({ total: 120, offset: 10, limit: 5 });
    expect(page.items.map((i: any) => i.productCode)).toEqual(['PO-0011', 'PO-0012', 'PO-0013', 'PO-0014', 'PO-0015']);
    const capped = await json('/catalog/v2/offerings?offset=0&limit=500');
    expect(capped.limit).toBe(100);
    expect(capped.items).toHaveLength(100);
    const tail = await json('/catalog/v2/offerings?offset=115&limit=100');
    expect(tail.items).toHaveLength(5);
  });

  it('filters by category', async () => {
    const expected = dataset.offerings.filter((o) => o.categoryId === 'CAT-01');
    const page = await json('/catalog/v2/offerings?category=CAT-01&limit=100');
    expect(page.total).toBe(expected.length);
    expect(page.items.map((i: any) => i.productCode)).toEqual(expected.map((o) => o.code));
    expect(page.items.every((i: any) => i.categoryCode === 'CAT-01')).toBe(true);
  });

  it('refuses malformed paging parameters', async () => {
    const res = await get('/catalog/v2/offerings?offset=-1');
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'INVALID_PARAMETER', parameter: 'offset' });
  });

  it('serves items with the legacy habits', async () => {
    const record = dataset.offerings[0]!;
    const item = await json('/catalog/v2/offerings/PO-0001');
    expect(item).toEqual({
      productCode: 'PO-0001', label: record.name, longDescription: record.description, categoryCode: record.categoryId,
      launchDate: record.launchedAt.replaceAll('-', ''),
      prices: [
        { priceType: 'LIST', amount: String(record.priceCents), currencyCode: 'EUR' },
        { priceType: 'PARTNER', amount: String(record.partnerPriceCents), currencyCode: 'EUR' },
      ],
      media: { thumb: '/media/PO-0001/thumb.svg', medium: '/media/PO-0001/medium.svg', large: '/media/PO-0001/large.svg' },
      bundle: record.isBundle ? 'Y' : 'N',
    });
    expect(item.launchDate).toMatch(/^\d{8}$/);
  });

  it('batches up to 100 codes and leaves unknown codes out', async () => {
    const batch = await json('/catalog/v2/offerings?codes=PO-0002,PO-9999,PO-0001');
    expect(batch.items.map((i: any) => i.productCode)).toEqual(['PO-0002', 'PO-0001']);
    const tooMany = Array.from({ length: 101 }, (_, i) => `PO-${String(i + 1).padStart(4, '0')}`).join(',');
    const res = await get(`/catalog/v2/offerings?codes=${tooMany}`);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'TOO_MANY_CODES' });
  });

  it('answers 404 with a JSON error for an unknown offering', async () => {
    const res = await get('/catalog/v2/offerings/PO-9999');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: 'OFFERING_NOT_FOUND' });
  });
});

describe('Catalogue stand-in: ETags', () => {
  it('answers 304 without a body when If-None-Match matches, and a new tag after a change', async () => {
    const first = await get('/catalog/v2/offerings/PO-0003');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^".+"$/);
    const again = await get('/catalog/v2/offerings/PO-0003', { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect((await get('/catalog/v2/offerings/PO-0003', { 'if-none-match': '"other"' })).status).toBe(200);

    const edit = await fetch(`${catalogue.url}/__admin/offerings/PO-0003`, { method: 'PUT', body: JSON.stringify({ listPriceCents: 4200 }) });
    expect(edit.status).toBe(200);
    const changed = await get('/catalog/v2/offerings/PO-0003', { 'if-none-match': etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect(((await changed.json()) as any).prices[0]).toEqual({ priceType: 'LIST', amount: '4200', currencyCode: 'EUR' });
  });

  it('serves categories with an ETag and counts 304s apart', async () => {
    catalogue.resetStats();
    const res = await get('/catalog/v2/categories');
    const body = (await res.json()) as any;
    expect(body.items).toEqual(dataset.categories.map((c) => ({ categoryCode: c.id, label: c.name })));
    const etag = res.headers.get('etag')!;
    expect((await get('/catalog/v2/categories', { 'if-none-match': `W/${etag}` })).status).toBe(304);
    expect(catalogue.stats().byRoute).toEqual({ 'GET /catalog/v2/categories': 1, 'GET /catalog/v2/categories [304]': 1 });
  });
});

describe('Catalogue stand-in: media, knobs and counters', () => {
  it('serves a generated SVG per size, 404 otherwise', async () => {
    const thumb = await get('/media/PO-0001/thumb.svg');
    expect(thumb.headers.get('content-type')).toBe('image/svg+xml');
    const svg = await thumb.text();
    expect(svg).toMatch(/^<svg [^>]*width="96"/);
    expect(svg).toContain('PO-0001');
    expect(await (await get('/media/PO-0001/large.svg')).text()).toMatch(/width="800"/);
    expect((await get('/media/PO-0001/huge.svg')).status).toBe(404);
    expect((await get('/media/PO-9999/thumb.svg')).status).toBe(404);
  });

  it('counts requests per route', async () => {
    catalogue.resetStats();
    await json('/catalog/v2/offerings?limit=1');
    await json('/catalog/v2/offerings?codes=PO-0001');
    await json('/catalog/v2/offerings/PO-0001');
    await get('/media/PO-0001/thumb.svg');
    expect(catalogue.stats()).toEqual({
      system: 'catalogue', total: 4,
      byRoute: {
        'GET /catalog/v2/offerings': 1, 'GET /catalog/v2/offerings?codes': 1,
        'GET /catalog/v2/offerings/:code': 1, 'GET /media/:code/:size': 1,
      },
    });
  });

  it('fails with a 500 carrying a Java trace when the error rate says so', async () => {
    catalogue.setKnobs({ errorRate: 1 });
    try {
      const res = await get('/catalog/v2/offerings/PO-0001');
      expect(res.status).toBe(500);
      const body = (await res.json()) as any;
      expect(body.error).toBe('INTERNAL');
      expect(body.trace).toContain('java.lang.NullPointerException');
    } finally {
      catalogue.setKnobs({ errorRate: 0 });
    }
  });

  it('hangs when told to', async () => {
    catalogue.setKnobs({ hang: true });
    try {
      await expect(fetch(`${catalogue.url}/catalog/v2/categories`, { signal: AbortSignal.timeout(200) })).rejects.toThrow();
    } finally {
      catalogue.setKnobs({ hang: false });
    }
  });

  it('refuses other methods and unknown routes', async () => {
    expect((await fetch(`${catalogue.url}/catalog/v2/offerings`, { method: 'POST' })).status).toBe(405);
    expect((await get('/catalog/v1/offerings')).status).toBe(404);
  });
});
