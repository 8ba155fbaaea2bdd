/**
 * Sums what each selection counts over an operation as if every fragment spread were expanded in place,
 * in one visit per node of the document: the sum under each fragment is computed once and reused at
 * every spread of it (see bounded-walk.ts). The walk stops as soon as a sum crosses the limit: sums only
 * grow on the way up, so a part over the limit means the whole is over it too.
 */
import { Kind, type FragmentDefinitionNode, type SelectionNode, type SelectionSetNode } from 'graphql';
import { fragmentMemo, VISITS, within, type Fragments, type PassName } from './bounded-walk.ts';

export interface SumRule {
  pass: PassName;
  /** What one selection counts by itself (its subtree is the walk's business). */
  weigh(selection: SelectionNode): number;
  /** What a fragment definition counts by itself, once per spread (its own directives). */
  weighFragment?(fragment: FragmentDefinitionNode): number;
  /** false: count only the level the walk starts at (through fragments), not inside fields. */
  descendFields: boolean;
}

/** A summer for one document: call it on each operation's selection set; fragment sums are shared. */
export function expandedSummer(rule: SumRule, fragments: Fragments, limit: number): (set: SelectionSetNode) => number {
  const fragmentSum = fragmentMemo(fragments, (fragment) =>
    within(rule.pass, (rule.weighFragment?.(fragment) ?? 0) + sum(fragment.selectionSet), limit), 0);

  function sum(set: SelectionSetNode): number {
    let total = 0;
    for (const selection of set.selections) {
      VISITS[rule.pass] += 1;
      total += rule.weigh(selection);
      if (selection.kind === Kind.FIELD) {
        if (rule.descendFields && selection.selectionSet) total += sum(selection.selectionSet);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        total += sum(selection.selectionSet);
      } else {
        total += fragmentSum(selection.name.value);
      }
      within(rule.pass, total, limit);
    }
    return total;
  }
  return sum;
}
