/**
 * Data policies shared by several subgraphs: the same rule, written once, wherever the schema names it
 * with @policy(name:). A data policy is decided by graphql-shield in the subgraph, on the object whose
 * field is read (the gateway, which has no data before planning, leaves it to the subgraph).
 */
import type { Principal } from '../../../contracts/principal.ts';
import type { DataPolicy, Policy } from '../../../contracts/authz/decide.ts';

/** What a Customer field's parent is in every subgraph: at least the CRM customer number. */
export interface CustomerKey { id: string }

/**
 * A customer account (profile, carts, orders, bills, balance): the customer it belongs to, and any
 * customer-service agent. Partners and anonymous callers never read one.
 */
export const CUSTOMER_ACCOUNT = Object.freeze<DataPolicy<CustomerKey>>({
  needs: 'data',
  description: "The customer's own account, or any account for customer-service agents.",
  allows: (principal, customer) => principal.role === 'agent' || isCustomer(principal, customer.id),
});

/** True when principal is the signed-in customer whose CRM customer number is customerId. */
export function isCustomer(principal: Principal, customerId: string | null | undefined): boolean {
  return principal.role === 'customer' && principal.subject !== null && principal.subject === customerId;
}

/** For a definition's `policies`: the customer-account policy under the name the schemas use. */
export const CUSTOMER_ACCOUNT_POLICIES: Readonly<Record<string, Policy>> = Object.freeze({
  'customer-account': CUSTOMER_ACCOUNT,
});
