import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDataset } from '../../dev/legacy/common/dataset.ts';
import type { StandInHandle } from '../../dev/legacy/common/stand-in.ts';
import { startErp } from '../../dev/legacy/erp/server.ts';
import { callSubgraph, principals, TEST_KEYS, type GraphQLResult } from '../../test/support/subgraph-client.ts';
import type { Principal } from '../../contracts/principal.ts';
import { startSubgraph, type RunningSubgraph } from '../runtime/serving/serve.ts';
import { INVENTORY_DEFAULTS } from './config.ts';
import { statusOf } from './erp/mapping.ts';
import { createInventorySubgraph } from './index.ts';
import { FAULTS_ONLY } from '../../test/support/faults-only.ts';

const DATASET = { customers: 200, orders: 2000, invoices: 2400 };
const dataset = getDataset(DATASET);
const stockOf = (code: string) => dataset.stock.filter((s) => s.productCode === code);

let erp: StandInHandle;
let subgraph: RunningSubgraph;
let impatient: RunningSubgraph;
const call = (principal: Principal | null, query: string, variables: Record<string, unknown> = {}, token?: string) =>
  callSubgraph(subgraph.url, 'inventory', principal, query, variables, token);
const codes = (res: GraphQLResult<unknown>) => (res.errors ?? []).map((e) => e.extensions?.['code']);
const offeringsQuery = (ids: string[], fields: string) =>
  `{ _entities(representations: [${ids.map((id) => `{ __typename: "ProductOffering", id: "${id}" }`).join(',')}]) { ... on ProductOffering { id availability { ${fields} } } } }`;

beforeAll(async () => {
  erp = await startErp({ port: 0, dataset: DATASET });
  const serve = async (timeoutMs: number) => {
    // Each fault's own coded error, test after test: no breaker or retry carrying one test into the next.
    const definition = createInventorySubgraph({ erpUrl: erp.url, timeoutMs, maxResponseBytes: INVENTORY_DEFAULTS.maxResponseBytes, resilience: FAULTS_ONLY });
    return startSubgraph(definition, { port: 0, internalTokenPublicKey: TEST_KEYS.publicKeyPem });
  };
  subgraph = await serve(5_000);
  impatient = await serve(300);
});
afterAll(async () => {
  await subgraph.stop();
  await impatient.stop();
  await erp.close();
});

describe('ProductOffering.availability', () => {
  it('maps the ERP stock of an offering for anyone, as a public 30 s cache hint', async () => {
    const offering = dataset.offerings[0]!;
    const stock = stockOf(offering.code);
    const available = stock.reduce((sum, s) => sum + Math.max(0, s.onHand - s.reserved), 0);
    const res = await call(principals.anonymous(), offeringsQuery([offering.code], 'status availableQuantity leadTimeDays'));
    expect(res.errors).toBeUndefined();
    expect(res.data?._entities[0].availability).toEqual({
      status: statusOf(available), availableQuantity: available,
      leadTimeDays: Math.min(...(available > 0 ? stock.filter((s) => s.onHand > s.reserved) : stock).map((s) => s.leadTimeDays)),
    });
    expect(res.headers.get('cache-control')).toBe('max-age=30, public');
  });

  it('costs 2 GetStockLevels calls for 250 offerings (200 codes per call)', async () => {
    const ids = dataset.offerings.slice(0, 250).map((o) => o.code);
    erp.resetStats();
    const res = await call(principals.customer('100001'), offeringsQuery(ids, 'availableQuantity'));
    expect(res.errors).toBeUndefined();
    expect(erp.stats().byRoute).toEqual({ 'POST /StockService#GetStockLevels': 2 });
    expect(res.data?._entities.map((e: { availability: { availableQuantity: number } }) => e.availability.availableQuantity))
      .toEqual(ids.map((id) => stockOf(id).reduce((sum, s) => sum + Math.max(0, s.onHand - s.reserved), 0)));
  });

  it('answers NOT_FOUND for an offering the ERP does not stock, failing only that offering', async () => {
    // The third id holds a character XML cannot carry: it is never sent, and fails alone too.
    const res = await call(principals.anonymous(), offeringsQuery(['PO-0001', 'PO-9999', 'PO\\u0000X'], 'status'));
    expect(res.data?._entities[0].availability).not.toBeNull();
    expect(res.data?._entities[1].availability).toBeNull();
    expect(res.errors?.map((e) => [e.path, e.extensions?.['code']])).toEqual([
      [['_entities', 1, 'availability'], 'NOT_FOUND'], [['_entities', 2, 'availability'], 'NOT_FOUND'],
    ]);
  });
});

describe('ProductAvailability.stockLevels', () => {
  const LEVELS = 'stockLevels { warehouseCode warehouseName availableQuantity leadTimeDays }';

  it('shows partners and agents the stock per warehouse, named from the ERP table (looked up once)', async () => {
    const offering = dataset.offerings[1]!;
    erp.resetStats();
    for (const principal of [principals.partner('P001'), principals.agent()]) {
      const res = await call(principal, offeringsQuery([offering.code], LEVELS));
      expect(res.errors).toBeUndefined();
      expect(res.data?._entities[0].availability.stockLevels).toEqual(stockOf(offering.code).map((s) => ({
        warehouseCode: s.warehouseCode, warehouseName: dataset.warehouses.find((w) => w.code === s.warehouseCode)!.name,
        availableQuantity: Math.max(0, s.onHand - s.reserved), leadTimeDays: s.leadTimeDays,
      })));
      expect(res.headers.get('cache-control')).toBe('max-age=30, private');
    }
    expect(erp.stats().byRoute['POST /StockService#GetWarehouses'] ?? 0).toBeLessThanOrEqual(1);
  });

  it('lists the warehouses for anyone, from the cached ERP table', async () => {
    const res = await call(principals.anonymous(), '{ warehouses { code name } }');
    expect(res.data?.warehouses).toEqual(dataset.warehouses.map((w) => ({ code: w.code, name: w.name })));
    erp.resetStats();
    await call(principals.anonymous(), '{ warehouses { code } }');
    expect(erp.stats().total).toBe(0);
  });

  it('refuses stock levels to customers, to partners off the portal (FORBIDDEN) and to anonymous visitors (UNAUTHENTICATED), keeping the rest', async () => {
    const cases = [
      [principals.customer('100001'), 'FORBIDDEN'],
      [{ ...principals.partner('P001'), channel: 'mobile' as const }, 'FORBIDDEN'],
      [principals.anonymous(), 'UNAUTHENTICATED'],
    ] as const;
    for (const [principal, code] of cases) {
      const res = await call(principal, offeringsQuery(['PO-0001'], `status ${LEVELS}`));
      expect(res.data?._entities[0].availability.status).toMatch(/STOCK/);
      expect(res.data?._entities[0].availability.stockLevels).toBeNull();
      expect(codes(res)).toEqual([code]);
    }
  });
});

describe('when the ERP fails', () => {
  const LEAKS = /127\.0\.0\.1|localhost|:\d{4,5}\b|ERP-PRD|ORA-|TNS|SELECT|StackTrace|at com\.|ERP-400/;

  it('nulls availability with UPSTREAM_ERROR on a fault, UPSTREAM_TIMEOUT on a hang, leaking nothing', async () => {
    erp.setKnobs({ errorRate: 1 });
    try {
      const res = await call(principals.anonymous(), offeringsQuery(['PO-0001', 'PO-0002'], 'status'));
      expect(res.data?._entities).toEqual([{ id: 'PO-0001', availability: null }, { id: 'PO-0002', availability: null }]);
      expect(codes(res)).toEqual(['UPSTREAM_ERROR', 'UPSTREAM_ERROR']);
      expect(JSON.stringify(res.errors)).not.toMatch(LEAKS);
    } finally {
      erp.setKnobs({ errorRate: 0 });
    }
    erp.setKnobs({ hang: true });
    try {
      const res = await callSubgraph(impatient.url, 'inventory', principals.anonymous(), offeringsQuery(['PO-0001'], 'status'));
      expect(res.data?._entities).toEqual([{ id: 'PO-0001', availability: null }]);
      expect(codes(res)).toEqual(['UPSTREAM_TIMEOUT']);
      expect(JSON.stringify(res.errors)).not.toMatch(LEAKS);
    } finally {
      erp.setKnobs({ hang: false });
    }
  });

  it('answers UPSTREAM_UNAVAILABLE when the ERP is gone', async () => {
    const dead = await startSubgraph(createInventorySubgraph({ erpUrl: 'http://127.0.0.1:1', timeoutMs: 1_000, maxResponseBytes: 1_000, resilience: FAULTS_ONLY }),
      { port: 0, internalTokenPublicKey: TEST_KEYS.publicKeyPem });
    try {
      const res = await callSubgraph(dead.url, 'inventory', principals.anonymous(), offeringsQuery(['PO-0001'], 'status'));
      expect(codes(res)).toEqual(['UPSTREAM_UNAVAILABLE']);
      expect(JSON.stringify(res.errors)).not.toMatch(LEAKS);
    } finally {
      await dead.stop();
    }
  });
});

describe('inventory subgraph boundary', () => {
  it('refuses a missing or forged internal token', async () => {
    const missing = await call(null, '{ __typename }');
    expect(missing.status).toBe(401);
    expect(codes(missing)).toEqual(['UNAUTHENTICATED']);
    const forged = await call(null, '{ __typename }', {}, 'eyJhbGciOiJub25lIn0.eyJyb2xlIjoiYWdlbnQifQ.');
    expect(forged.status).toBe(401);
  });

});
