/**
 * The billing domain's own types: what the resolvers serve, whatever the system of record. Only
 * billing/mapping.ts knows how Billing's invoices and balances turn into these.
 */
import type { Money } from '../runtime/shared-types/money.ts';

/** Maps to the GraphQL enum CustomerBillState (Billing's PAID is called SETTLED, as in TM Forum). */
export type CustomerBillState = 'SETTLED' | 'UNPAID' | 'OVERDUE';

export interface CustomerBill {
  id: string;
  /** Owner of the bill: the object-level access check reads it. */
  customerId: string;
  orderId: string | null;
  billDate: string;
  paymentDueDate: string;
  amountDue: Money;
  taxExcludedAmount: Money;
  state: CustomerBillState;
}

export interface CustomerBalance { customerId: string; openAmount: Money; overdueAmount: Money }

/** A window of a customer's bills, and how many there are in all. */
export interface BillPage { totalCount: number; bills: CustomerBill[] }
