/**
 * The ERP stock stand-in: stock levels per product and warehouse over SOAP 1.1 (document/literal),
 * see StockService.wsdl.
 *
 *   GET  /StockService?wsdl                 the WSDL
 *   POST /StockService  GetStockLevels      1..200 ProductCode -> one StockLevel per product and warehouse; unknown codes left out
 *   POST /StockService  GetWarehouses       the warehouse reference table (code, name)
 * Broken (errorRate knob): soap:Server fault, HTTP 500, "ORA-12541: TNS:no listener" with a stack trace.
 */
import { readFileSync } from 'node:fs';
import { getDataset, type DatasetOptions, type StockRecord } from '../common/dataset.ts';
import { soapStandIn, textsOf, type SoapResult, type XmlElement } from '../common/soap-service.ts';
import { startStandIn, type StandInHandle, type StartOptions } from '../common/stand-in.ts';
import { databaseDownFault, ERP_NS, invalidRequestFault, toLegacyStockLevel } from './records.ts';

export interface StandInOptions extends StartOptions { dataset?: Partial<DatasetOptions> }

export const ERP_PATH = '/StockService';
/** The ERP refuses GetStockLevels above this many product codes. */
export const ERP_MAX_PRODUCT_CODES = 200;
const WSDL = readFileSync(new URL('./StockService.wsdl', import.meta.url), 'utf8');

export async function startErp(options: StandInOptions = {}): Promise<StandInHandle> {
  const dataset = getDataset(options.dataset);
  let byProduct: Map<string, StockRecord[]> | undefined;
  const stockOf = (code: string): StockRecord[] => {
    if (!byProduct) {
      byProduct = new Map();
      for (const stock of dataset.stock) {
        const list = byProduct.get(stock.productCode);
        if (list) list.push(stock); else byProduct.set(stock.productCode, [stock]);
      }
    }
    return byProduct.get(code) ?? [];
  };

  const operations: Record<string, (request: XmlElement) => SoapResult> = {
    GetStockLevels(request) {
      const codes = textsOf(request, 'ProductCode', ERP_NS);
      if (codes.length === 0 || codes.length > ERP_MAX_PRODUCT_CODES) {
        throw invalidRequestFault(`between 1 and ${ERP_MAX_PRODUCT_CODES} ProductCode expected, got ${codes.length}`);
      }
      return { StockLevel: [...new Set(codes)].flatMap(stockOf).map(toLegacyStockLevel) };
    },
    GetWarehouses() {
      return { Warehouse: dataset.warehouses.map((wh) => ({ WarehouseCode: wh.code, WarehouseName: wh.name })) };
    },
  };

  return startStandIn(soapStandIn({
    system: 'erp', path: ERP_PATH, namespace: ERP_NS, wsdl: WSDL, operations, serverFault: databaseDownFault,
  }), options);
}
