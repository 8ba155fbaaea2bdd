import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDataset } from '../common/dataset.ts';
import type { StandInHandle } from '../common/stand-in.ts';
import { CRM_MAX_IDS, startCrm } from './server.ts';

const DATASET = { customers: 200 } as const;
const dataset = getDataset(DATASET);
let crm: StandInHandle;

const get = async (path: string): Promise<{ status: number; type: string; text: string; json: () => any }> => {
  const res = await fetch(crm.url + path);
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type') ?? '', text, json: () => JSON.parse(text) };
};

beforeAll(async () => { crm = await startCrm({ port: 0, dataset: DATASET }); });
afterAll(async () => { await crm.close(); });

describe('CRM stand-in: clients', () => {
  it('serves an individual with cryptic fields and DD/MM/YYYY dates', async () => {
    const person = dataset.customers.find((c) => c.segment === 'PAR')!;
    const res = await get(`/api/clients/${person.id}`);
    expect(res.status).toBe(200);
    const [y, m, d] = person.birthDate!.split('-');
    expect(res.json()).toEqual({
      CLI_ID: person.id, CLI_NOM: person.familyName, CLI_PRENOM: person.givenName, CLI_RAISON_SOC: '',
      CLI_MAIL: person.email, CLI_TEL: person.phone, CLI_DNAIS: `${d}/${m}/${y}`,
      CLI_DCRE: person.createdAt.split('-').reverse().join('/'), SEG_CODE: 'PAR', CLI_VILLE: person.city,
    });
  });

  it('serves a business with its company name, no given name and no birth date', async () => {
    const company = dataset.customers.find((c) => c.segment !== 'PAR')!;
    const body = (await get(`/api/clients/${company.id}`)).json();
    expect(body).toMatchObject({ CLI_NOM: company.tradingName, CLI_PRENOM: '', CLI_RAISON_SOC: company.tradingName, CLI_DNAIS: '', SEG_CODE: company.segment });
    expect(body.CLI_DCRE).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
  });

  it('answers an unknown id with a 404 HTML page, not JSON', async () => {
    for (const id of ['999999', '100000', 'abc']) {
      const res = await get(`/api/clients/${id}`);
      expect(res.status).toBe(404);
      expect(res.type).toContain('text/html');
      expect(res.text).toContain('<html>');
      expect(() => res.json()).toThrow();
    }
  });

  it('looks up a batch of ids, leaving unknown ids out', async () => {
    const ids = [100_003, 100_001, 999_999, 100_200];
    const body = (await get(`/api/clients?ids=${ids.join(',')}`)).json();
    expect(body.CLIENTS.map((c: { CLI_ID: number }) => c.CLI_ID)).toEqual([100_003, 100_001, 100_200]);
  });

  it(`refuses more than ${CRM_MAX_IDS} ids with a 400 HTML page`, async () => {
    const ids = (n: number): string => Array.from({ length: n }, (_, i) => 100_001 + i).join(',');
    expect((await get(`/api/clients?ids=${ids(CRM_MAX_IDS)}`)).json().CLIENTS).toHaveLength(CRM_MAX_IDS);
    const refused = await get(`/api/clients?ids=${ids(CRM_MAX_IDS + 1)}`);
    expect(refused.status).toBe(400);
    expect(refused.type).toContain('text/html');
  });

  it('pages by page number (1-based) with a total', async () => {
    const body = (await get('/api/clients?page=3&size=7')).json();
    expect(body).toMatchObject({ PAGE: 3, SIZE: 7, TOTAL: 200 });
    expect(body.CLIENTS.map((c: { CLI_ID: number }) => c.CLI_ID)).toEqual(dataset.customers.slice(14, 21).map((c) => c.id));
    const last = (await get('/api/clients?page=2&size=100')).json();
    expect(last.CLIENTS).toHaveLength(100);
    expect((await get('/api/clients?page=3&size=100')).json().CLIENTS).toEqual([]);
  });

  it('refuses pages out of its limits with a 400 HTML page', async () => {
    for (const query of ['page=0&size=10', 'page=1&size=101', 'page=1&size=0', 'page=x']) {
      const res = await get(`/api/clients?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.type).toContain('text/html');
    }
  });
});

describe('CRM stand-in: partners', () => {
  it('serves partners one by one and in batches', async () => {
    const [p1, p2] = dataset.partners;
    expect((await get(`/api/partners/${p1!.id}`)).json()).toEqual({ PAR_ID: p1!.id, PAR_RAISON: p1!.name, PAR_MAIL: p1!.email });
    const batch = (await get(`/api/partners?ids=${p2!.id},P999,${p1!.id}`)).json();
    expect(batch.PARTENAIRES.map((p: { PAR_ID: string }) => p.PAR_ID)).toEqual([p2!.id, p1!.id]);
    const missing = await get('/api/partners/P999');
    expect(missing.status).toBe(404);
    expect(missing.type).toContain('text/html');
  });
});

describe('CRM stand-in: knobs and counters', () => {
  it('counts requests per route', async () => {
    crm.resetStats();
    await get('/api/clients/100001');
    await get('/api/clients/100002');
    await get('/api/clients?ids=100001,100002');
    await get('/api/clients?page=1&size=10');
    await get('/api/partners?ids=P001');
    expect(crm.stats()).toMatchObject({
      system: 'crm', total: 5,
      byRoute: { 'GET /api/clients/:id': 2, 'GET /api/clients?ids': 1, 'GET /api/clients?page': 1, 'GET /api/partners?ids': 1 },
    });
  });

  it('answers 503 with an HTML "Service Unavailable" page when failing', async () => {
    crm.setKnobs({ errorRate: 1 });
    try {
      const res = await get('/api/clients/100001');
      expect(res.status).toBe(503);
      expect(res.type).toContain('text/html');
      expect(res.text).toContain('Service Unavailable');
    } finally {
      crm.setKnobs({ errorRate: 0 });
    }
  });

  it('hangs when told to, and adds latency', async () => {
    crm.setKnobs({ hang: true });
    const hung = await fetch(`${crm.url}/api/clients/100001`, { signal: AbortSignal.timeout(200) }).then(() => 'answered', () => 'hung');
    crm.setKnobs({ hang: false, latencyMs: 120 });
    const started = Date.now();
    expect((await get('/api/clients/100001')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
    crm.setKnobs({ latencyMs: 0 });
    expect(hung).toBe('hung');
  });
});
