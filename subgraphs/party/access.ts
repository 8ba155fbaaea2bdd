/**
 * Who may read which customer, for every way a customer is reached (me, customer(id), customers,
 * and _entities from other subgraphs): one rule, so no path is more lenient than another.
 */
import type { GraphQLError } from 'graphql';
import { codedError } from '../../schema/error-codes.ts';
import type { Principal } from '../../gateway/auth/principal.ts';
import { canReadCustomer } from '../runtime/access.ts';

/** The error to answer with when principal may not read customerId, or null when it may. */
export function customerAccessError(principal: Principal, customerId: string): GraphQLError | null {
  if (canReadCustomer(principal, customerId)) return null;
  // Not signed in is a different answer from signed in as someone else: the client can offer to sign in.
  if (principal.role === 'anonymous') return codedError('UNAUTHENTICATED', 'Sign in to read a customer account.');
  return codedError('FORBIDDEN', 'You may not read this customer account.');
}

/** Listing every customer is customer service's job. */
export function customerListAccessError(principal: Principal): GraphQLError | null {
  if (principal.role === 'agent') return null;
  if (principal.role === 'anonymous') return codedError('UNAUTHENTICATED', 'Sign in to list customers.');
  return codedError('FORBIDDEN', 'Only customer-service agents may list customers.');
}
