/**
 * The cost of an operation: the most objects it can make the graph return, each list counted at its
 * size. Scalars are free (they come with their object); every object-typed field costs 1 per parent
 * object; a list costs its size times what each element selects.
 *
 * A list's size is the `first`/`last` argument of the list field itself or of the field right above it
 * (a connection: `orders(first: 3) { nodes { ... } }` sizes `nodes`), read from a literal, a variable or
 * the argument's schema default; otherwise `defaultListSize`.
 *
 * Hand-written because armor's cost limit reads only literal `first`/`last` values: a variable
 * (`orders(first: $n)`), a schema default or a plain list all count as one element there.
 */
import {
  getNamedType, getNullableType, isInterfaceType, isListType, isObjectType, Kind, valueFromAST,
  type DocumentNode, type FieldNode, type FragmentDefinitionNode, type GraphQLCompositeType, type GraphQLField,
  type GraphQLSchema, type OperationDefinitionNode, type SelectionSetNode,
} from 'graphql';

const SIZE_ARGUMENTS = ['first', 'last'];

interface Walk {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  operation: OperationDefinitionNode;
  defaultListSize: number;
}

/** The size a field asks for, or undefined when it has no size argument. */
function requestedSize(def: GraphQLField<unknown, unknown>, node: FieldNode, walk: Walk): number | undefined {
  const declared = def.args.filter((a) => SIZE_ARGUMENTS.includes(a.name));
  if (declared.length === 0) return undefined;
  let size: number | undefined;
  for (const argDef of declared) {
    const argNode = node.arguments?.find((a) => a.name.value === argDef.name);
    let value: unknown = argDef.defaultValue;
    if (argNode?.value.kind === Kind.VARIABLE) {
      const variable = argNode.value.name.value;
      const definition = walk.operation.variableDefinitions?.find((v) => v.variable.name.value === variable);
      value = walk.variables[variable] ?? (definition?.defaultValue ? valueFromAST(definition.defaultValue, argDef.type) : undefined);
    } else if (argNode) {
      value = valueFromAST(argNode.value, argDef.type);
    }
    if (value === undefined && !argNode) continue;
    // A present but unusable value (null, a string) fails later in execution; count it as a default list.
    const asked = typeof value === 'number' && Number.isFinite(value) ? Math.max(0, value) : walk.defaultListSize;
    size = Math.max(size ?? 0, asked);
  }
  // Size arguments declared but none given and none defaulted: the default list size.
  return size ?? walk.defaultListSize;
}

function fieldCost(parent: GraphQLCompositeType, node: FieldNode, walk: Walk, sizeFromAbove: number | undefined): number {
  // __typename is free; introspection is governed by the introspection setting, not by cost.
  if (node.name.value.startsWith('__') || !node.selectionSet) return 0;
  const def = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[node.name.value] : undefined;
  if (!def) return 0;
  const child = getNamedType(def.type) as GraphQLCompositeType;
  const own = requestedSize(def, node, walk);
  if (isListType(getNullableType(def.type))) {
    const size = own ?? sizeFromAbove ?? walk.defaultListSize;
    return size * (1 + selectionCost(child, node.selectionSet, walk, undefined));
  }
  // A sized object (a connection) passes its size to the lists right below it.
  return 1 + selectionCost(child, node.selectionSet, walk, own);
}

function selectionCost(parent: GraphQLCompositeType, set: SelectionSetNode, walk: Walk, sizeFromAbove: number | undefined, spreading: ReadonlySet<string> = new Set()): number {
  let total = 0;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      total += fieldCost(parent, selection, walk, sizeFromAbove);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const type = selection.typeCondition ? walk.schema.getType(selection.typeCondition.name.value) : parent;
      if (type) total += selectionCost(type as GraphQLCompositeType, selection.selectionSet, walk, sizeFromAbove, spreading);
    } else {
      const name = selection.name.value;
      const fragment = walk.fragments.get(name);
      const type = fragment && walk.schema.getType(fragment.typeCondition.name.value);
      // Validation refuses fragment cycles before this runs; the guard keeps the walk finite regardless.
      if (type && !spreading.has(name)) total += selectionCost(type as GraphQLCompositeType, fragment.selectionSet, walk, sizeFromAbove, new Set([...spreading, name]));
    }
  }
  return total;
}

export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  defaultListSize: number,
): number {
  const root = operation.operation === 'mutation' ? schema.getMutationType()
    : operation.operation === 'subscription' ? schema.getSubscriptionType() : schema.getQueryType();
  if (!root) return 0;
  const fragments = new Map(document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]));
  return selectionCost(root, operation.selectionSet, { schema, fragments, variables, operation, defaultListSize }, undefined);
}
