/**
 * maxRootFields: how many root fields an operation selects. Each one is planned and fetched on its own,
 * so a document of many aliased root fields (`a: order(id: 1) b: order(id: 2) ...`) multiplies back-end
 * work without nesting anything. Armor has no such rule. Fragments at the root count their fields at each
 * spread; `__typename` and introspection fields do not count. Bounded: see bounded-walk.ts.
 */
import { Kind, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { fragmentsOf, overLimit } from './bounded-walk.ts';
import { expandedSummer } from './expanded-sum.ts';

/** true when the operation has more than `limit` root fields; stops counting there. */
export function exceedsRootFields(document: DocumentNode, operation: OperationDefinitionNode, limit: number): boolean {
  const sum = expandedSummer({
    pass: 'rootFields',
    descendFields: false,
    weigh: (s) => (s.kind === Kind.FIELD && !s.name.value.startsWith('__') ? 1 : 0),
  }, fragmentsOf(document), limit);
  return overLimit(() => { sum(operation.selectionSet); });
}
