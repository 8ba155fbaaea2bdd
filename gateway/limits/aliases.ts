/**
 * maxAliases: aliased fields of each operation, every fragment counted at each of its spreads (a
 * fragment of 5 aliases spread twice is 10 aliased fetches). `__typename` aliases are free, as with
 * graphql-armor's rule this replaces (armor's walk neither stops at the limit nor reports its work).
 */
import { Kind, type DocumentNode } from 'graphql';
import { fragmentsOf, overLimit, operationsOf } from './bounded-walk.ts';
import { expandedSummer } from './expanded-sum.ts';

/** true when some operation of the document has more than `limit` aliases; stops at the first. */
export function exceedsAliases(document: DocumentNode, limit: number): boolean {
  const sum = expandedSummer({
    pass: 'aliases',
    descendFields: true,
    weigh: (s) => (s.kind === Kind.FIELD && s.alias && s.alias.value !== '__typename' && s.name.value !== '__typename' ? 1 : 0),
  }, fragmentsOf(document), limit);
  return overLimit(() => { for (const operation of operationsOf(document)) sum(operation.selectionSet); });
}
