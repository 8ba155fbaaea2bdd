import soap from 'soap';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDataset } from '../common/dataset.ts';
import type { StandInHandle } from '../common/stand-in.ts';
import { ERP_NS } from './records.ts';
import { startErp } from './server.ts';

const DATASET = { customers: 200, orders: 2000, invoices: 2400 };
const dataset = getDataset(DATASET);
let erp: StandInHandle;
let client: soap.Client;

const post = (inner: string, operation: string) => fetch(`${erp.url}/StockService`, {
  method: 'POST',
  headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: `"${ERP_NS}${operation}"` },
  body: `<?xml version="1.0"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>${inner}</s:Body></s:Envelope>`,
});
const codesXml = (codes: string[]) => `<GetStockLevels xmlns="${ERP_NS}">${codes.map((c) => `<ProductCode>${c}</ProductCode>`).join('')}</GetStockLevels>`;

beforeAll(async () => {
  erp = await startErp({ port: 0, dataset: DATASET });
  client = await soap.createClientAsync(`${erp.url}/StockService?wsdl`);
});
afterAll(async () => { await erp.close(); });

describe('erp stand-in', () => {
  it('serves a WSDL a SOAP stack can use', async () => {
    expect(Object.keys(client.describe()['StockService']['StockServiceSoap'])).toEqual(['GetStockLevels', 'GetWarehouses']);
    expect(await (await fetch(`${erp.url}/StockService?WSDL`)).text()).toContain(`location="${erp.url}/StockService"`);
  });

  it('GetStockLevels answers one StockLevel per product and warehouse, unknown codes left out', async () => {
    const [first, second] = dataset.offerings;
    const [res] = await client.GetStockLevelsAsync({ ProductCode: [first!.code, 'PO-9999', second!.code] });
    const expected = dataset.stock.filter((s) => s.productCode === first!.code || s.productCode === second!.code);
    expect(res.StockLevel).toEqual(expected.map((s) => ({
      ProductCode: s.productCode, WarehouseCode: s.warehouseCode, QtyOnHand: s.onHand, QtyReserved: s.reserved, LeadTimeDays: s.leadTimeDays,
    })));
  });

  it('GetWarehouses answers the warehouse table', async () => {
    const [res] = await client.GetWarehousesAsync({});
    expect(res.Warehouse).toEqual(dataset.warehouses.map((w) => ({ WarehouseCode: w.code, WarehouseName: w.name })));
  });

  it('takes 200 codes in one call and refuses 201 or none with a soap:Client ERP-400 fault', async () => {
    const codes = dataset.offerings.slice(0, 200).map((o) => o.code);
    const ok = await post(codesXml(codes), 'GetStockLevels');
    expect(ok.status).toBe(200);
    expect((await ok.text()).match(/<StockLevel>/g)).toHaveLength(200 * dataset.warehouses.length);
    for (const bad of [[...codes, 'PO-0201'], []]) {
      const res = await post(codesXml(bad), 'GetStockLevels');
      expect(res.status).toBe(500);
      const xml = await res.text();
      expect(xml).toMatch(/<faultcode>soap:Client<\/faultcode><faultstring>ERP-400 /);
      expect(xml).toContain('ERP-PRD-APP01');
    }
  });

  it('counts calls per operation and fails with ORA-12541 when told to', async () => {
    erp.resetStats();
    await client.GetWarehousesAsync({});
    erp.setKnobs({ errorRate: 1 });
    try {
      const res = await post(codesXml(['PO-0001']), 'GetStockLevels');
      expect(res.status).toBe(500);
      const xml = await res.text();
      expect(xml).toContain('<faultcode>soap:Server</faultcode>');
      expect(xml).toContain('ORA-12541: TNS:no listener');
      expect(xml).toMatch(/<StackTrace>[^<]*at com\.acme\.erp/);
    } finally {
      erp.setKnobs({ errorRate: 0 });
    }
    expect(erp.stats().byRoute).toEqual({ 'POST /StockService#GetWarehouses': 1, 'POST /StockService#GetStockLevels': 1 });
  });

  it('hangs when told to', async () => {
    erp.setKnobs({ hang: true });
    try {
      await expect(fetch(`${erp.url}/StockService`, {
        method: 'POST', headers: { 'content-type': 'text/xml', soapaction: `"${ERP_NS}GetWarehouses"` }, body: '<x/>', signal: AbortSignal.timeout(200),
      })).rejects.toThrow(/aborted|timeout/i);
    } finally {
      erp.setKnobs({ hang: false });
    }
  });
});
