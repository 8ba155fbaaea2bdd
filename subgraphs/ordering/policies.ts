/**
 * The ordering subgraph's data policies, named by its schema with @policy(name:): decided by the runtime's
 * shield on the object read, so that an order is guarded the same way whether it comes from
 * productOrder(id), a customer's orders, placeOrder or another subgraph's reference (_entities).
 */
import type { DataPolicy, Policy } from '../../contracts/authz/decide.ts';
import { CUSTOMER_ACCOUNT_POLICIES, isCustomer } from '../runtime/authorization/policies.ts';
import type { ProductOrder } from './model.ts';

/** What the order-reader policy reads of an order: whose it is, and which partner it was sold through. */
export type OrderOwners = Pick<ProductOrder, 'customer' | 'partner'>;

/** An order: the customer who owns it, any agent, and the reseller partner it was placed through. */
export const ORDER_READER = Object.freeze<DataPolicy<OrderOwners>>({
  needs: 'data',
  description: 'The customer who owns the order, customer-service agents, and the partner the order was placed through.',
  allows: (principal, order) => {
    switch (principal.role) {
      case 'agent': return true;
      case 'customer': return isCustomer(principal, order.customer.id);
      // An order placed directly (no partner) is nobody's partner order.
      case 'partner': return principal.subject !== null && order.partner !== null && principal.subject === order.partner.id;
      default: return false;
    }
  },
});

/**
 * Who may cancel an order: the customer who owns it, or any agent. Narrower than order-reader (a partner
 * reads the orders sold through it but cancels none). Not a schema policy: a Mutation field has no order
 * to decide on, so cancelOrder loads the order and asks this before calling the OMS.
 */
export const ORDER_CANCELLER = Object.freeze<DataPolicy<OrderOwners>>({
  needs: 'data',
  description: 'The customer who owns the order, and customer-service agents.',
  allows: (principal, order) => principal.role === 'agent' || (principal.role === 'customer' && isCustomer(principal, order.customer.id)),
});

export const ORDERING_POLICIES: Readonly<Record<string, Policy>> = Object.freeze({
  ...CUSTOMER_ACCOUNT_POLICIES,
  'order-reader': ORDER_READER,
});
