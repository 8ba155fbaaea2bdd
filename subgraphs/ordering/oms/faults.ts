/**
 * The OMS's error answers -> coded errors. Only the OMS's errorCode is read; its `detail` (Oracle
 * messages, internal ids) is internal and never copied into a message.
 */
import type { GraphQLError } from 'graphql';
import { codedError } from '../../../contracts/error-codes.ts';
import type { LegacyResponse } from '../../runtime/transport/legacy-http.ts';
import { notFound } from '../../runtime/authorization/not-found.ts';
import { omsFault } from './wire.ts';

const SYSTEM = 'OMS';

/** Business refusals the OMS answers with, and what a client may be told about each. */
const KNOWN_FAULTS: Readonly<Record<string, () => GraphQLError>> = {
  // The answer for an order the caller may not see, too (runtime/authorization/not-found.ts).
  'ORD-404': () => notFound('ProductOrder'),
  'LINE-404': () => codedError('NOT_FOUND', 'No such item in this cart.', { argument: 'itemId' }),
  'PRD-UNKNOWN': () => codedError('BAD_USER_INPUT', 'This product offering cannot be ordered.', { argument: 'productOfferingId' }),
  'QTY-RANGE': () => codedError('BAD_USER_INPUT', 'The quantity of a cart item must be between 1 and 99.', { argument: 'quantity' }),
  'IDEMPOTENCY-MISMATCH': () => codedError('CONFLICT', 'This idempotency key was already used for a different order request.', { argument: 'idempotencyKey' }),
  'CART-EMPTY': () => codedError('CONFLICT', 'The cart is empty: there is nothing to order.'),
  'ORD-NOT-CANCELLABLE': () => codedError('CONFLICT', 'This order is completed and can no longer be cancelled.'),
};

/** The coded error for a non-2xx OMS answer (5xx answers were already turned into UPSTREAM_* by the transport). */
export function omsFaultError(response: LegacyResponse): GraphQLError {
  let errorCode: string | undefined;
  try {
    const parsed = omsFault.safeParse(JSON.parse(response.text));
    if (parsed.success) errorCode = parsed.data.errorCode;
  } catch {
    // Not JSON: a proxy page or a truncated body, nothing to read.
  }
  const known = errorCode ? KNOWN_FAULTS[errorCode] : undefined;
  if (known) return known();
  // A 400 or an unknown code means our request and the OMS's contract disagree: not the caller's fault.
  return codedError('UPSTREAM_ERROR', `The ${SYSTEM} refused the request.`, { system: SYSTEM });
}

export const unreadable = (): GraphQLError =>
  codedError('UPSTREAM_ERROR', `The ${SYSTEM} sent an unreadable response.`, { system: SYSTEM });
