/**
 * How many root fields an operation selects: each one is planned and fetched on its own, so a document
 * of many aliased root fields (`a: order(id: 1) b: order(id: 2) ...`) multiplies back-end work without
 * nesting anything. Armor has no such rule. Fragments at the root count their fields; `__typename`
 * and introspection fields do not count.
 */
import { Kind, type DocumentNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';

function countFields(set: SelectionSetNode, document: DocumentNode, spreading: ReadonlySet<string>): number {
  let count = 0;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      if (!selection.name.value.startsWith('__')) count += 1;
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      count += countFields(selection.selectionSet, document, spreading);
    } else if (!spreading.has(selection.name.value)) {
      const fragment = document.definitions.find((d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === selection.name.value);
      if (fragment?.kind === Kind.FRAGMENT_DEFINITION) count += countFields(fragment.selectionSet, document, new Set([...spreading, selection.name.value]));
    }
  }
  return count;
}

export function rootFieldCount(document: DocumentNode, operation: OperationDefinitionNode): number {
  return countFields(operation.selectionSet, document, new Set());
}
