/**
 * The Billing stand-in: invoices and balances over SOAP 1.1 (document/literal), with the habits of the
 * real back office (see BillingService.wsdl, records.ts and operations.ts).
 *
 *   GET  /BillingService?wsdl                        the WSDL
 *   POST /BillingService  GetInvoicesByCustomer      a page of a customer's invoices, newest first (PageIndex 0-based, PageSize <= 100)
 *   POST /BillingService  GetInvoice                 one invoice; unknown -> soap:Client fault "BIL-404 Invoice not found"
 *   POST /BillingService  GetInvoices                batch by invoice number (<= 100), unknown ones left out
 *   POST /BillingService  GetInvoicesByOrders        batch by order id (<= 100), orders without invoice left out
 *   POST /BillingService  GetBalance                 open/overdue amounts of one customer; unknown -> BIL-404 fault
 *   POST /BillingService  GetBalances                batch of balances (<= 100), unknown customers left out
 * Broken (errorRate knob): soap:Server fault, HTTP 500, "ORA-12541: TNS:no listener" with a stack trace.
 */
import { readFileSync } from 'node:fs';
import { getDataset, type DatasetOptions } from '../common/dataset.ts';
import { soapStandIn } from '../common/soap-service.ts';
import { startStandIn, type StandInHandle, type StartOptions } from '../common/stand-in.ts';
import { billingOperations } from './operations.ts';
import { BILLING_NS, databaseDownFault } from './records.ts';

export interface StandInOptions extends StartOptions { dataset?: Partial<DatasetOptions> }

export const BILLING_PATH = '/BillingService';
const WSDL = readFileSync(new URL('./BillingService.wsdl', import.meta.url), 'utf8');

export async function startBilling(options: StandInOptions = {}): Promise<StandInHandle> {
  const dataset = getDataset(options.dataset);
  return startStandIn(soapStandIn({
    system: 'billing',
    path: BILLING_PATH,
    namespace: BILLING_NS,
    wsdl: WSDL,
    operations: billingOperations(dataset),
    serverFault: databaseDownFault,
  }), options);
}
