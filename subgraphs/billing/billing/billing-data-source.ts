/**
 * The Billing data source: what the loaders and resolvers call, and the only code that knows
 * BillingService's operations, element names, limits and faults. It turns them into domain types
 * (mapping.ts) and coded errors.
 */
import { codedError } from '../../../contracts/error-codes.ts';
import type { Page } from '../../runtime/shared-types/connection.ts';
import { notFound } from '../../runtime/authorization/not-found.ts';
import { SoapClient, type SoapFaultInfo } from '../../runtime/transport/soap-client.ts';
import type { BillPage, CustomerBalance, CustomerBill, CustomerBillState } from '../model.ts';
import { BILLING_SYSTEM, STATUS_OF_STATE, toCustomerBalance, unreadable, toCustomerBill, type LegacyRecord } from './mapping.ts';
import type { ResilienceOptions } from '../../runtime/transport/resilience/resilience-options.ts';

export const BILLING_NAMESPACE = 'http://billing.legacy.passerelle.example/2009/';
export const BILLING_ENDPOINT_PATH = '/BillingService';
/** Billing refuses batches above 100 ids and pages above 100 invoices. */
export const BILLING_BATCH_LIMIT = 100;
export const BILLING_MAX_PAGE_SIZE = 100;

/** Billing's customer numbers are numeric: another id cannot be a Billing customer, so it is never sent. */
const isBillingCustomerId = (id: string): boolean => /^\d{1,12}$/.test(id);
/** Invoice numbers and order ids are short printable codes: another value fails alone (absent) instead of failing its batch. */
const isPlausibleCode = (id: string): boolean => /^[\x21-\x7e]{1,64}$/.test(id);

export interface BillingDataSourceOptions { baseUrl: string; timeoutMs: number; maxResponseBytes: number; resilience?: ResilienceOptions }

/** Billing's faults say "not found" with a soap:Client fault whose text starts with BIL-404. */
function classifyFault(fault: SoapFaultInfo) {
  // The answer for a bill the caller may not see, too (runtime/authorization/not-found.ts).
  if (fault.code === 'Client' && /^BIL-404\b/.test(fault.text)) return notFound('CustomerBill');
  return undefined;
}

/**
 * Billing pages by (PageIndex, PageSize); a connection asks for (offset, first). Finds the smallest page
 * size holding the whole window in one Billing page, or else two consecutive pages of size `first`.
 */
export function planBillingPages(page: Page, maxPageSize = BILLING_MAX_PAGE_SIZE): { pageSize: number; pageIndexes: number[]; skip: number } {
  const want = Math.max(page.first, 1);
  for (let size = want; size <= maxPageSize; size++) {
    const index = Math.floor(page.offset / size);
    if (Math.floor((page.offset + want - 1) / size) === index) return { pageSize: size, pageIndexes: [index], skip: page.offset - index * size };
  }
  const index = Math.floor(page.offset / want);
  return { pageSize: want, pageIndexes: [index, index + 1], skip: page.offset - index * want };
}

export class BillingDataSource {
  private readonly soap: SoapClient;

  constructor(options: BillingDataSourceOptions) {
    this.soap = new SoapClient({
      system: BILLING_SYSTEM,
      endpointUrl: options.baseUrl.replace(/\/+$/, '') + BILLING_ENDPOINT_PATH,
      namespace: BILLING_NAMESPACE,
      timeoutMs: options.timeoutMs,
      maxResponseBytes: options.maxResponseBytes,
      classifyFault,
      ...(options.resilience ? { resilience: options.resilience } : {}),
    });
  }

  /** One invoice (GetInvoice); NOT_FOUND when Billing does not know it. */
  async bill(invoiceNumber: string): Promise<CustomerBill> {
    if (!isPlausibleCode(invoiceNumber)) throw codedError('BAD_USER_INPUT', 'Invalid bill id.', { argument: 'id' });
    const response = await this.soap.call<{ Invoice?: LegacyRecord }>('GetInvoice', { InvoiceNumber: invoiceNumber }, { idempotent: true });
    if (!response.Invoice) throw unreadable();
    return toCustomerBill(response.Invoice);
  }

  /** Invoices by number (GetInvoices, at most BILLING_BATCH_LIMIT); unknown ones are absent from the map. */
  async billsByIds(invoiceNumbers: readonly string[]): Promise<Map<string, CustomerBill>> {
    const numbers = invoiceNumbers.filter(isPlausibleCode);
    if (numbers.length === 0) return new Map();
    const response = await this.soap.call<{ Invoice?: LegacyRecord[] }>('GetInvoices', { InvoiceNumber: numbers }, { arrays: ['Invoice'], idempotent: true });
    return new Map((response.Invoice ?? []).map(toCustomerBill).map((bill) => [bill.id, bill]));
  }

  /** The newest invoice of each order (GetInvoicesByOrders, at most BILLING_BATCH_LIMIT). */
  async billsByOrders(orderIds: readonly string[]): Promise<Map<string, CustomerBill>> {
    const ids = orderIds.filter(isPlausibleCode);
    if (ids.length === 0) return new Map();
    const response = await this.soap.call<{ Invoice?: LegacyRecord[] }>('GetInvoicesByOrders', { OrderId: ids }, { arrays: ['Invoice'], idempotent: true });
    const byOrder = new Map<string, CustomerBill>();
    for (const bill of (response.Invoice ?? []).map(toCustomerBill)) {
      const current = bill.orderId ? byOrder.get(bill.orderId) : undefined;
      if (bill.orderId && (!current || current.billDate < bill.billDate)) byOrder.set(bill.orderId, bill);
    }
    return byOrder;
  }

  /** A window of a customer's invoices, newest first (GetInvoicesByCustomer, one or two calls). */
  async billsOfCustomer(customerId: string, page: Page, states: readonly CustomerBillState[]): Promise<BillPage> {
    if (!isBillingCustomerId(customerId)) return { totalCount: 0, bills: [] };
    const plan = planBillingPages(page);
    const status = [...new Set(states)].map((state) => STATUS_OF_STATE[state]);
    const responses = await Promise.all(plan.pageIndexes.map((pageIndex) =>
      this.soap.call<{ TotalCount?: string; Invoice?: LegacyRecord[] }>('GetInvoicesByCustomer',
        { CustomerId: customerId, Status: status, PageIndex: pageIndex, PageSize: plan.pageSize }, { arrays: ['Invoice'], idempotent: true })));
    const totalCount = Number(responses[0]?.TotalCount);
    if (!Number.isSafeInteger(totalCount) || totalCount < 0) {
      throw unreadable();
    }
    const bills = responses.flatMap((r) => r.Invoice ?? []).slice(plan.skip, plan.skip + page.first).map(toCustomerBill);
    return { totalCount, bills };
  }

  /** Balances (GetBalances, at most BILLING_BATCH_LIMIT); customers Billing does not know are absent. */
  async balances(customerIds: readonly string[]): Promise<Map<string, CustomerBalance>> {
    const known = customerIds.filter(isBillingCustomerId);
    if (known.length === 0) return new Map();
    const response = await this.soap.call<{ Balance?: LegacyRecord[] }>('GetBalances', { CustomerId: known }, { arrays: ['Balance'], idempotent: true });
    return new Map((response.Balance ?? []).map(toCustomerBalance).map((balance) => [balance.customerId, balance]));
  }

  close(): Promise<void> {
    return this.soap.close();
  }
}
