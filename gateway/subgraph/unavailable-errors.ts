/**
 * When a subgraph cannot be reached, one coded error per field it should have resolved, on that field's
 * path, as a failing legacy system would give: clients see exactly what is missing. Paths are written
 * the way the subgraph would have (`_entities.<i>.<field>` or `<rootField>`), so that the gateway maps
 * them onto the client's response like any subgraph error.
 */
import { Kind, parse, type DocumentNode, type SelectionSetNode } from 'graphql';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';

type GraphQLErrors = NonNullable<GatewayGraphQLResponse['errors']>;

function responseKeys(selectionSet: SelectionSetNode): string[] {
  return selectionSet.selections.flatMap((selection) => {
    if (selection.kind === Kind.FIELD) return selection.name.value === '__typename' ? [] : [selection.alias?.value ?? selection.name.value];
    if (selection.kind === Kind.INLINE_FRAGMENT) return responseKeys(selection.selectionSet);
    return [];
  });
}

export function unavailableErrors(
  request: { query?: string; variables?: Record<string, unknown> },
  document: DocumentNode | undefined,
  message: string,
  code: 'SUBGRAPH_UNAVAILABLE' | 'DEADLINE_EXCEEDED' = 'SUBGRAPH_UNAVAILABLE',
): GraphQLErrors {
  const extensions = { code };
  let operation;
  try {
    operation = (document ?? parse(request.query ?? '')).definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  } catch {
    operation = undefined;
  }
  if (!operation) return [{ message, extensions }];
  const roots = operation.selectionSet.selections.filter((s) => s.kind === Kind.FIELD);
  const entities = roots.find((f) => f.name.value === '_entities');
  if (entities?.selectionSet) {
    const count = Array.isArray(request.variables?.['representations']) ? request.variables['representations'].length : 0;
    const keys = [...new Set(responseKeys(entities.selectionSet))];
    return Array.from({ length: count }, (_, i) => keys.map((key) => ({ message, path: ['_entities', i, key], extensions }))).flat();
  }
  return roots.map((field) => ({ message, path: [field.alias?.value ?? field.name.value], extensions }));
}
