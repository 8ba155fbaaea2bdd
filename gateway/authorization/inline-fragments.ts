/**
 * Replaces every fragment spread by an inline fragment with the same type condition, so that each field
 * of the operation sits at exactly one place in the response and can be filtered there.
 *
 * Inlining is the one pass that materialises what fragments expand to, so it has a budget: the channel's
 * maxSelections, counted exactly as gateway/limits/selections.ts counts it (fields, inline fragments and
 * spreads, at every place they land). Past the budget it throws LimitExceeded('inline') having built no
 * more than that: `fragment F0 { ...F1 ...F1 }` 24 levels deep costs budget + 1 nodes, not 2^24.
 */
import { Kind, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionNode, type SelectionSetNode } from 'graphql';
import { fragmentsOf, LimitExceeded, operationsOf, VISITS } from '../limits/bounded-walk.ts';

function inliner(fragments: ReadonlyMap<string, FragmentDefinitionNode>, budget: number): (set: SelectionSetNode) => SelectionSetNode {
  let built = 0;
  const inlineSet = (selectionSet: SelectionSetNode, spreading: ReadonlySet<string>): SelectionSetNode => ({
    ...selectionSet,
    selections: selectionSet.selections.map((selection): SelectionNode => {
      VISITS.inline += 1;
      if (++built > budget) throw new LimitExceeded('inline');
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        if (!fragment) throw new Error(`Unknown fragment "${selection.name.value}"`);
        // Validation refuses cycles before this runs; the guard keeps inlining finite regardless.
        if (spreading.has(fragment.name.value)) throw new LimitExceeded('inline');
        return {
          kind: Kind.INLINE_FRAGMENT,
          typeCondition: fragment.typeCondition,
          directives: [...(selection.directives ?? []), ...(fragment.directives ?? [])],
          selectionSet: inlineSet(fragment.selectionSet, new Set([...spreading, fragment.name.value])),
        };
      }
      return selection.selectionSet ? { ...selection, selectionSet: inlineSet(selection.selectionSet, spreading) } : selection;
    }),
  });
  return (set) => inlineSet(set, new Set());
}

/** The named (or only) operation of the document, with its fragments inlined, within `budget` selections. */
export function inlineOperation(document: DocumentNode, operationName: string | null | undefined, budget = Number.POSITIVE_INFINITY): OperationDefinitionNode {
  const operations = operationsOf(document);
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
  if (!operation) throw new Error('No operation to authorize');
  return { ...operation, selectionSet: inliner(fragmentsOf(document), budget)(operation.selectionSet) };
}
