/**
 * Whose data an operation acts on. A customer acts on their own account only; an agent acts on the
 * customer named in the arguments; nobody else acts on customer accounts.
 */
import { codedError } from '../../../contracts/error-codes.ts';
import type { Principal } from '../../../contracts/principal.ts';

export function actingCustomerId(principal: Principal, customerIdArg?: string | null): string {
  switch (principal.role) {
    case 'customer':
      if (customerIdArg && customerIdArg !== principal.subject) throw codedError('FORBIDDEN', 'Customers may act on their own account only.');
      return principal.subject as string;
    case 'agent':
      if (!customerIdArg) throw codedError('BAD_USER_INPUT', 'Agents must name the customer (customerId).', { argument: 'customerId' });
      return customerIdArg;
    case 'anonymous':
      throw codedError('UNAUTHENTICATED', 'Sign in to access a customer account.');
    default:
      throw codedError('FORBIDDEN', 'This role may not act on customer accounts.');
  }
}
