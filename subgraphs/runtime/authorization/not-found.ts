/**
 * The one answer for "no such object", whether it does not exist or the caller may not see it. Object ids
 * are sequential (order and invoice numbers), so a refusal that differed from "not found" in any way (code,
 * message, path, data) would let anyone enumerate the company's orders and bills. Every not-found path of a
 * subgraph (a loader that misses, a legacy "unknown id" fault) and every data-policy refusal of an object
 * (runtime/authorization/visibility.ts) builds its error here, so the two cannot drift apart. The message names the type
 * only: never the id (the caller's spelling and the legacy system's could differ) nor why.
 */
import type { GraphQLError } from 'graphql';
import { codedError } from '../../../contracts/error-codes.ts';

/** NOT_FOUND for an object of `typename` (the GraphQL type: "ProductOrder", "CustomerBill", "Customer"). */
export function notFound(typename: string): GraphQLError {
  return codedError('NOT_FOUND', notFoundMessage(typename));
}

export const notFoundMessage = (typename: string): string => `No ${typename} has this id.`;
