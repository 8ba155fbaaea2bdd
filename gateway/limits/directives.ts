/**
 * maxDirectives: directives of each operation (`@include`, `@skip`...: each one is evaluated wherever
 * its selection lands), every fragment counted at each of its spreads, the fragment definition's own
 * directives included. Replaces graphql-armor's rule, whose walk does not stop at the limit.
 */
import type { DocumentNode } from 'graphql';
import { fragmentsOf, operationsOf, overLimit, within } from './bounded-walk.ts';
import { expandedSummer } from './expanded-sum.ts';

/** true when some operation of the document has more than `limit` directives; stops at the first. */
export function exceedsDirectives(document: DocumentNode, limit: number): boolean {
  const sum = expandedSummer({
    pass: 'directives',
    descendFields: true,
    weigh: (s) => s.directives?.length ?? 0,
    weighFragment: (f) => f.directives?.length ?? 0,
  }, fragmentsOf(document), limit);
  return overLimit(() => {
    for (const operation of operationsOf(document)) within('directives', (operation.directives?.length ?? 0) + sum(operation.selectionSet), limit);
  });
}
