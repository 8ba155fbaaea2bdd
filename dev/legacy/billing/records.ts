/**
 * How the Billing system writes its records and faults: decimal strings for amounts, xsd:date dates,
 * customer numbers as strings, and faults whose detail carries what a Java back office leaks (database
 * host, SQL statement, stack trace). That detail is exactly what the billing subgraph must never pass on.
 */
import type { InvoiceRecord } from '../common/dataset.ts';
import { SoapFault } from '../common/soap-service.ts';

export const BILLING_NS = 'http://billing.legacy.passerelle.example/2009/';
/** The database host the back office names in every fault (never to be seen by a client). */
export const BILLING_DB_HOST = 'BILL-PRD-DB02';

/** Cents to the Billing system's decimal string ("123.45", "-0.50"). */
export function decimal(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

export function toLegacyInvoice(invoice: InvoiceRecord): Record<string, unknown> {
  return {
    InvoiceNumber: invoice.number,
    CustomerId: String(invoice.customerId),
    OrderId: invoice.orderId ?? undefined,
    IssueDate: invoice.issuedAt,
    DueDate: invoice.dueAt,
    AmountExclTax: decimal(invoice.amountExclTaxCents),
    AmountInclTax: decimal(invoice.amountInclTaxCents),
    Currency: invoice.currency,
    Status: invoice.status,
  };
}

const JAVA_STACK = (where: string): string => [
  `com.acme.billing.dao.${where}`,
  '\tat com.acme.billing.dao.InvoiceDao.query(InvoiceDao.java:212)',
  '\tat com.acme.billing.ws.BillingServiceImpl.dispatch(BillingServiceImpl.java:88)',
  '\tat org.apache.cxf.service.invoker.AbstractInvoker.invoke(AbstractInvoker.java:179)',
  '\tat org.apache.cxf.jaxws.JAXWSMethodInvoker.invoke(JAXWSMethodInvoker.java:66)',
].join('\n');

function billingFault(faultcode: 'soap:Client' | 'soap:Server', errorCode: string, faultstring: string, statement: string, where: string): SoapFault {
  return new SoapFault(faultcode, faultstring, {
    BillingFault: { '@_xmlns': BILLING_NS, ErrorCode: errorCode, Server: BILLING_DB_HOST, Statement: statement, StackTrace: JAVA_STACK(where) },
  });
}

/** Unknown invoice or customer: soap:Client, "BIL-404 ... not found", with the query that found nothing. */
export const notFoundFault = (what: 'Invoice' | 'Customer', id: string): SoapFault =>
  billingFault('soap:Client', 'BIL-404', `BIL-404 ${what} not found`,
    what === 'Invoice' ? `SELECT * FROM BIL_INVOICE WHERE INV_NO = '${id}'` : `SELECT * FROM BIL_ACCOUNT WHERE CUST_NO = '${id}'`,
    'NoResultException: no row for key');

/** A request the back office refuses (bad paging, too many ids, malformed id). */
export const invalidRequestFault = (reason: string): SoapFault =>
  billingFault('soap:Client', 'BIL-400', `BIL-400 ${reason}`, 'n/a', 'ValidationException: request rejected');

/** The fault of a broken back office: its Oracle listener is gone. */
export const databaseDownFault = (): SoapFault =>
  billingFault('soap:Server', 'ORA-12541', 'Server was unable to process request. ---> ORA-12541: TNS:no listener',
    `SELECT INV_NO, CUST_NO, AMT_TTC FROM BIL_INVOICE@${BILLING_DB_HOST}`, 'SQLRecoverableException: ORA-12541: TNS:no listener');
