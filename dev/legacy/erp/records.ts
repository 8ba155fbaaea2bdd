/**
 * How the ERP writes stock records and faults: integer quantities per warehouse, and faults whose
 * detail leaks the ERP's host, SQL and a stack trace (which the inventory subgraph must never pass on).
 */
import type { StockRecord } from '../common/dataset.ts';
import { SoapFault } from '../common/soap-service.ts';

export const ERP_NS = 'http://erp.legacy.passerelle.example/stock/2011/';
/** The application server the ERP names in every fault (never to be seen by a client). */
export const ERP_APP_HOST = 'ERP-PRD-APP01';

export const toLegacyStockLevel = (stock: StockRecord): Record<string, unknown> => ({
  ProductCode: stock.productCode,
  WarehouseCode: stock.warehouseCode,
  QtyOnHand: stock.onHand,
  QtyReserved: stock.reserved,
  LeadTimeDays: stock.leadTimeDays,
});

const JAVA_STACK = (where: string): string => [
  `com.acme.erp.stock.${where}`,
  '\tat com.acme.erp.stock.StockDao.levels(StockDao.java:141)',
  '\tat com.acme.erp.stock.ws.StockServiceImpl.getStockLevels(StockServiceImpl.java:57)',
  '\tat org.apache.axis2.rpc.receivers.RPCMessageReceiver.invokeBusinessLogic(RPCMessageReceiver.java:212)',
].join('\n');

function erpFault(faultcode: 'soap:Client' | 'soap:Server', errorCode: string, faultstring: string, statement: string, where: string): SoapFault {
  return new SoapFault(faultcode, faultstring, {
    ErpFault: { '@_xmlns': ERP_NS, ErrorCode: errorCode, Server: ERP_APP_HOST, Statement: statement, StackTrace: JAVA_STACK(where) },
  });
}

/** A request the ERP refuses (no code, too many codes). */
export const invalidRequestFault = (reason: string): SoapFault =>
  erpFault('soap:Client', 'ERP-400', `ERP-400 ${reason}`, 'n/a', 'ValidationException: request rejected');

/** The fault of a broken ERP: its Oracle listener is gone. */
export const databaseDownFault = (): SoapFault =>
  erpFault('soap:Server', 'ORA-12541', 'Server was unable to process request. ---> ORA-12541: TNS:no listener',
    `SELECT ITEM_NO, WHS_CODE, QTY_OH, QTY_RES FROM MTL_ONHAND@${ERP_APP_HOST}`, 'SQLRecoverableException: ORA-12541: TNS:no listener');
