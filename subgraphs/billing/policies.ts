/**
 * The billing subgraph's data policies, named by its schema with @policy(name:): decided by the runtime's
 * shield on the object read, so that a bill is guarded the same way whether it comes from customerBill(id),
 * a customer's bills, an order's bill or another subgraph's reference (_entities).
 */
import type { DataPolicy, Policy } from '../../contracts/authz/decide.ts';
import { CUSTOMER_ACCOUNT_POLICIES, isCustomer } from '../runtime/authorization/policies.ts';
import type { CustomerBill } from './model.ts';

/** A bill: the customer it was issued to (Billing's CustomerId), or any agent. Partners never see bills. */
export const BILL_READER = Object.freeze<DataPolicy<Pick<CustomerBill, 'customerId'>>>({
  needs: 'data',
  description: 'The customer the bill was issued to, or customer-service agents.',
  allows: (principal, bill) => principal.role === 'agent' || isCustomer(principal, bill.customerId),
});

export const BILLING_POLICIES: Readonly<Record<string, Policy>> = Object.freeze({
  ...CUSTOMER_ACCOUNT_POLICIES,
  'bill-reader': BILL_READER,
});
