/**
 * maxDepth: the deepest field nesting of each operation, a root field being 1. Fragments and inline
 * fragments add no level (depth is the nesting of the response, however the document is written), and
 * `__schema` subtrees are not counted (introspection is governed by the introspection setting). Each
 * fragment's depth is computed once, relative to where it is spread; the walk stops as soon as a field
 * lands below the limit. Replaces graphql-armor's rule (same counting; its walk does not stop).
 */
import { Kind, type DocumentNode, type SelectionSetNode } from 'graphql';
import { fragmentMemo, fragmentsOf, operationsOf, overLimit, VISITS, within } from './bounded-walk.ts';

/** true when some operation of the document nests fields deeper than `limit`. */
export function exceedsDepth(document: DocumentNode, limit: number): boolean {
  const fragmentDepth = fragmentMemo(fragmentsOf(document), (fragment) => depthOf(fragment.selectionSet, 0), 0);

  function depthOf(set: SelectionSetNode, level: number): number {
    let deepest = level;
    for (const selection of set.selections) {
      VISITS.depth += 1;
      let depth: number;
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value === '__schema') continue;
        depth = selection.selectionSet ? depthOf(selection.selectionSet, level + 1) : level + 1;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        depth = depthOf(selection.selectionSet, level);
      } else {
        depth = level + fragmentDepth(selection.name.value);
      }
      deepest = Math.max(deepest, within('depth', depth, limit));
    }
    return deepest;
  }

  return overLimit(() => { for (const operation of operationsOf(document)) depthOf(operation.selectionSet, 0); });
}
