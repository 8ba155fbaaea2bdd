/**
 * The Billing operations over the seeded dataset (see BillingService.wsdl for the contract).
 */
import type { Dataset, InvoiceRecord, InvoiceStatus } from '../common/dataset.ts';
import { textsOf, type SoapResult, type XmlElement } from '../common/soap-service.ts';
import { BILLING_NS, decimal, invalidRequestFault, notFoundFault, toLegacyInvoice } from './records.ts';

/** The back office refuses batches above this many identifiers and pages above this size. */
export const BILLING_MAX_BATCH = 100;
export const BILLING_MAX_PAGE_SIZE = 100;

const STATUSES: readonly InvoiceStatus[] = ['PAID', 'UNPAID', 'OVERDUE'];

const texts = (request: XmlElement, name: string): string[] => textsOf(request, name, BILLING_NS);

function required(request: XmlElement, name: string): string {
  const value = texts(request, name)[0];
  if (value === undefined || value === '') throw invalidRequestFault(`${name} is required`);
  return value;
}

function int(request: XmlElement, name: string, min: number, max: number): number {
  const raw = required(request, name);
  const value = /^-?\d{1,9}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(value >= min && value <= max)) throw invalidRequestFault(`${name} must be between ${min} and ${max}`);
  return value;
}

function batch(request: XmlElement, name: string): string[] {
  const ids = texts(request, name);
  if (ids.length === 0 || ids.length > BILLING_MAX_BATCH) throw invalidRequestFault(`between 1 and ${BILLING_MAX_BATCH} ${name} expected`);
  return [...new Set(ids)];
}

/** Customer numbers are numeric in Billing; anything else is refused. */
function customerNumber(id: string): number {
  if (!/^\d{1,12}$/.test(id)) throw invalidRequestFault('CustomerId must be numeric');
  return Number(id);
}

export function billingOperations(dataset: Dataset): Record<string, (request: XmlElement) => SoapResult> {
  // Indexes built on first use, once per stand-in.
  let byNumber: Map<string, InvoiceRecord> | undefined;
  let byOrder: Map<string, InvoiceRecord[]> | undefined;
  const invoiceByNumber = (number: string): InvoiceRecord | undefined =>
    (byNumber ??= new Map(dataset.invoices.map((inv) => [inv.number, inv]))).get(number);
  const invoicesOfOrder = (orderId: string): InvoiceRecord[] => {
    if (!byOrder) {
      byOrder = new Map();
      for (const inv of dataset.invoices) {
        if (!inv.orderId) continue;
        const list = byOrder.get(inv.orderId);
        if (list) list.push(inv); else byOrder.set(inv.orderId, [inv]);
      }
    }
    return byOrder.get(orderId) ?? [];
  };
  const customerIds = new Set(dataset.customers.map((c) => c.id));

  const balanceOf = (customerId: number) => {
    let open = 0;
    let overdue = 0;
    for (const inv of dataset.invoicesByCustomer.get(customerId) ?? []) {
      if (inv.status !== 'PAID') open += inv.amountInclTaxCents;
      if (inv.status === 'OVERDUE') overdue += inv.amountInclTaxCents;
    }
    return { OpenAmount: decimal(open), OverdueAmount: decimal(overdue), Currency: 'EUR' };
  };

  return {
    GetInvoicesByCustomer(request) {
      const customerId = customerNumber(required(request, 'CustomerId'));
      const statuses = texts(request, 'Status');
      for (const status of statuses) if (!STATUSES.includes(status as InvoiceStatus)) throw invalidRequestFault(`unknown Status ${status}`);
      const pageIndex = int(request, 'PageIndex', 0, 1_000_000);
      const pageSize = int(request, 'PageSize', 1, BILLING_MAX_PAGE_SIZE);
      const all = dataset.invoicesByCustomer.get(customerId) ?? [];
      const matching = statuses.length === 0 ? all : all.filter((inv) => statuses.includes(inv.status));
      return {
        TotalCount: matching.length,
        Invoice: matching.slice(pageIndex * pageSize, (pageIndex + 1) * pageSize).map(toLegacyInvoice),
      };
    },
    GetInvoice(request) {
      const number = required(request, 'InvoiceNumber');
      const invoice = invoiceByNumber(number);
      if (!invoice) throw notFoundFault('Invoice', number);
      return { Invoice: toLegacyInvoice(invoice) };
    },
    GetInvoices(request) {
      const found = batch(request, 'InvoiceNumber').map(invoiceByNumber).filter((inv) => inv !== undefined);
      return { Invoice: found.map(toLegacyInvoice) };
    },
    GetInvoicesByOrders(request) {
      return { Invoice: batch(request, 'OrderId').flatMap(invoicesOfOrder).map(toLegacyInvoice) };
    },
    GetBalance(request) {
      const id = required(request, 'CustomerId');
      const customerId = customerNumber(id);
      if (!customerIds.has(customerId)) throw notFoundFault('Customer', id);
      return balanceOf(customerId);
    },
    GetBalances(request) {
      const known = batch(request, 'CustomerId').map(customerNumber).filter((id) => customerIds.has(id));
      return { Balance: known.map((id) => ({ CustomerId: String(id), ...balanceOf(id) })) };
    },
  };
}
