/**
 * maxSelections: the size of each operation once every fragment spread is expanded in place: fields
 * (aliases and `__typename` included), inline fragments and spreads, each counted at every place it
 * lands. That is the size of what the query planner and the authorization rewrite (which inlines
 * fragments, see gateway/authorization/inline-fragments.ts) walk. Without it, `productOffering { ...F0 }` with
 * `fragment F0 on ProductOffering { ...F1 ...F1 }` ... 20 levels passes every other limit (depth 2, cost
 * 1, one root field, a few hundred tokens) and asks the planner for a million selections.
 */
import type { DocumentNode } from 'graphql';
import { fragmentsOf, overLimit, operationsOf } from './bounded-walk.ts';
import { expandedSummer } from './expanded-sum.ts';

/** true when some operation of the document expands to more than `limit` selections; stops at the first. */
export function exceedsSelections(document: DocumentNode, limit: number): boolean {
  const sum = expandedSummer({ pass: 'selections', descendFields: true, weigh: () => 1 }, fragmentsOf(document), limit);
  return overLimit(() => { for (const operation of operationsOf(document)) sum(operation.selectionSet); });
}
