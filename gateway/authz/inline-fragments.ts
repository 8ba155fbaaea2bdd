/**
 * Replaces every fragment spread by an inline fragment with the same type condition, so that each field
 * of the operation sits at exactly one place in the response and can be filtered there.
 */
import { Kind, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';

function inlineSelectionSet(selectionSet: SelectionSetNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>): SelectionSetNode {
  return {
    ...selectionSet,
    selections: selectionSet.selections.map((selection) => {
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        if (!fragment) throw new Error(`Unknown fragment "${selection.name.value}"`);
        return {
          kind: Kind.INLINE_FRAGMENT,
          typeCondition: fragment.typeCondition,
          directives: [...(selection.directives ?? []), ...(fragment.directives ?? [])],
          selectionSet: inlineSelectionSet(fragment.selectionSet, fragments),
        };
      }
      return selection.selectionSet ? { ...selection, selectionSet: inlineSelectionSet(selection.selectionSet, fragments) } : selection;
    }),
  };
}

/** The named (or only) operation of the document, with its fragments inlined. */
export function inlineOperation(document: DocumentNode, operationName: string | null | undefined): OperationDefinitionNode {
  const fragments = new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]));
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
  if (!operation) throw new Error('No operation to authorize');
  return { ...operation, selectionSet: inlineSelectionSet(operation.selectionSet, fragments) };
}
