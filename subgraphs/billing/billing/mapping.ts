/**
 * Billing records -> clean domain types. Billing speaks decimal strings, xsd:dates and PAID/UNPAID/OVERDUE;
 * the graph speaks Money, ISO dates and CustomerBillState. A record we cannot read is an UPSTREAM_ERROR
 * (a bug or a format change in Billing), never a half-filled bill.
 */
import { codedError } from '../../../contracts/error-codes.ts';
import { centsFromDecimal, moneyFromCents, type Money } from '../../runtime/shared-types/money.ts';
import type { CustomerBalance, CustomerBill, CustomerBillState } from '../model.ts';

export type LegacyInvoiceStatus = 'PAID' | 'UNPAID' | 'OVERDUE';

/** Billing's Status -> the graph's state; PAID is called SETTLED, as in TM Forum's CustomerBill. */
export const STATE_OF_STATUS: Readonly<Record<LegacyInvoiceStatus, CustomerBillState>> = Object.freeze({
  PAID: 'SETTLED', UNPAID: 'UNPAID', OVERDUE: 'OVERDUE',
});
export const STATUS_OF_STATE: Readonly<Record<CustomerBillState, LegacyInvoiceStatus>> = Object.freeze({
  SETTLED: 'PAID', UNPAID: 'UNPAID', OVERDUE: 'OVERDUE',
});

/** An Invoice / Balance element as the SOAP client parsed it: local names, text values. */
export type LegacyRecord = Record<string, unknown>;

/** How errors name the system: never its host, port or URL. */
export const BILLING_SYSTEM = 'Billing system';
export const unreadable = () => codedError('UPSTREAM_ERROR', `The ${BILLING_SYSTEM} sent an unreadable response.`, { system: BILLING_SYSTEM });

function text(record: LegacyRecord, field: string): string {
  const value = record[field];
  if (typeof value !== 'string' || value === '') throw unreadable();
  return value;
}

function date(record: LegacyRecord, field: string): string {
  // xsd:date may carry a time zone ("2026-05-30Z", "2026-05-30+02:00"): the calendar date is what counts.
  const match = /^(\d{4}-\d{2}-\d{2})(Z|[+-]\d{2}:\d{2})?$/.exec(text(record, field));
  if (!match) throw unreadable();
  return match[1] as string;
}

function money(record: LegacyRecord, field: string, currency: string): Money {
  const cents = centsFromDecimal(text(record, field));
  if (cents === null) throw unreadable();
  return moneyFromCents(cents, currency);
}

function currency(record: LegacyRecord): string {
  const code = text(record, 'Currency');
  if (!/^[A-Z]{3}$/.test(code)) throw unreadable();
  return code;
}

export function toCustomerBill(invoice: LegacyRecord): CustomerBill {
  const status = text(invoice, 'Status');
  if (!(status in STATE_OF_STATUS)) throw unreadable();
  const cur = currency(invoice);
  const orderId = invoice['OrderId'];
  return {
    id: text(invoice, 'InvoiceNumber'),
    customerId: text(invoice, 'CustomerId'),
    orderId: typeof orderId === 'string' && orderId !== '' ? orderId : null,
    billDate: date(invoice, 'IssueDate'),
    paymentDueDate: date(invoice, 'DueDate'),
    amountDue: money(invoice, 'AmountInclTax', cur),
    taxExcludedAmount: money(invoice, 'AmountExclTax', cur),
    state: STATE_OF_STATUS[status as LegacyInvoiceStatus],
  };
}

export function toCustomerBalance(balance: LegacyRecord): CustomerBalance {
  const cur = currency(balance);
  return {
    customerId: text(balance, 'CustomerId'),
    openAmount: money(balance, 'OpenAmount', cur),
    overdueAmount: money(balance, 'OverdueAmount', cur),
  };
}
