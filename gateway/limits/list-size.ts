/**
 * The size a list field asks for, for the cost (list-cost.ts): its `first`/`last` argument, read from a
 * literal, a variable (or the variable's default) or the argument's schema default. The larger of the
 * two when both are given; a present but unusable value counts as a default list.
 */
import { Kind, valueFromAST, type FieldNode, type GraphQLField, type OperationDefinitionNode } from 'graphql';

const SIZE_ARGUMENTS = ['first', 'last'];

export interface SizeContext {
  operation: OperationDefinitionNode;
  variables: Record<string, unknown>;
  defaultListSize: number;
}

/** The size a field asks for, or undefined when it has no size argument. */
export function requestedSize(def: GraphQLField<unknown, unknown>, node: FieldNode, walk: SizeContext): number | undefined {
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

