/**
 * Design rules of the graph, checked on the composed API schema (what clients see), so that each rule
 * is written once for every subgraph. Today: every type, field, argument and enum value is described,
 * once (an entity extended by several subgraphs is described by its owner only).
 */
import {
  isEnumType, isInputObjectType, isInterfaceType, isObjectType, isIntrospectionType, isSpecifiedScalarType,
  type GraphQLSchema,
} from 'graphql';

export interface DesignWarning { rule: string; coordinate: string; message: string }

const isRootType = (schema: GraphQLSchema, name: string): boolean =>
  [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].some((t) => t?.name === name);

export function missingDescriptions(schema: GraphQLSchema): DesignWarning[] {
  const warnings: DesignWarning[] = [];
  const missing = (coordinate: string, what: string) => warnings.push({ rule: 'description-required', coordinate, message: `${what} ${coordinate} has no description.` });
  for (const type of Object.values(schema.getTypeMap())) {
    if (isIntrospectionType(type) || isSpecifiedScalarType(type)) continue;
    if (!type.description && !isRootType(schema, type.name)) missing(type.name, 'Type');
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (!field.description) missing(`${type.name}.${field.name}`, 'Field');
        for (const arg of field.args) if (!arg.description) missing(`${type.name}.${field.name}(${arg.name}:)`, 'Argument');
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) if (!field.description) missing(`${type.name}.${field.name}`, 'Input field');
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) if (!value.description) missing(`${type.name}.${value.name}`, 'Enum value');
    }
  }
  return warnings;
}

/** Composition hints that mean two subgraphs describe the same element differently. */
export function conflictingDescriptions(hints: readonly string[]): DesignWarning[] {
  return hints
    .filter((hint) => hint.startsWith('[INCONSISTENT_DESCRIPTION]'))
    .map((hint) => ({
      rule: 'description-once',
      coordinate: /Element "([^"]+)"/.exec(hint)?.[1] ?? '?',
      message: 'Described differently by several subgraphs: only the owner describes it; others use # comments.',
    }));
}
