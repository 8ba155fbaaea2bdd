/**
 * Who may read an order: its customer, any agent, and the partner it was placed through. Checked on
 * every path that yields an order (Query.productOrder and _entities), after loading it.
 */
import type { Principal } from '../../gateway/auth/principal.ts';
import { codedError } from '../../schema/error-codes.ts';
import type { ProductOrder } from './domain.ts';

export function canReadOrder(principal: Principal, order: ProductOrder): boolean {
  switch (principal.role) {
    case 'agent': return true;
    case 'customer': return principal.subject === order.customer.id;
    case 'partner': return order.partner !== null && principal.subject === order.partner.id;
    default: return false;
  }
}

export function readableOrder(principal: Principal, order: ProductOrder): ProductOrder {
  if (!canReadOrder(principal, order)) throw codedError('FORBIDDEN', 'You may not read this order.');
  return order;
}
