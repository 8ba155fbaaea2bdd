/**
 * The schema elements an operation uses, as keys comparable with breaking-changes.ts' touchedBy():
 * "Type.field" for each field selected, "Type.field(arg:)" for each argument passed, a type's name for
 * every type it reads, spreads on or passes in (input types with the input types nested in them), and
 * "@name" for each directive it applies.
 */
import {
  getNamedType, isInputObjectType, TypeInfo, visit, visitWithTypeInfo,
  type DocumentNode, type GraphQLNamedType, type GraphQLSchema,
} from 'graphql';

export function elementsUsed(schema: GraphQLSchema, document: DocumentNode): Set<string> {
  const used = new Set<string>();
  const useType = (type: GraphQLNamedType | null | undefined): void => {
    if (!type || used.has(type.name)) return;
    used.add(type.name);
    // A variable carries a whole input object: every nested input type is in use too.
    if (isInputObjectType(type)) for (const field of Object.values(type.getFields())) useType(getNamedType(field.type));
  };
  const typeInfo = new TypeInfo(schema);
  visit(document, visitWithTypeInfo(typeInfo, {
    Field() {
      const parent = typeInfo.getParentType();
      const field = typeInfo.getFieldDef();
      if (!parent || !field) return;
      used.add(`${parent.name}.${field.name}`);
      useType(getNamedType(field.type));
    },
    Argument(node) {
      const parent = typeInfo.getParentType();
      const field = typeInfo.getFieldDef();
      if (parent && field && !typeInfo.getDirective()) used.add(`${parent.name}.${field.name}(${node.name.value}:)`);
      const type = typeInfo.getInputType();
      if (type) useType(getNamedType(type));
    },
    VariableDefinition() {
      const type = typeInfo.getInputType();
      if (type) useType(getNamedType(type));
    },
    InlineFragment() { useType(typeInfo.getType() ? getNamedType(typeInfo.getType()) : null); },
    FragmentDefinition() { useType(typeInfo.getType() ? getNamedType(typeInfo.getType()) : null); },
    Directive(node) { used.add(`@${node.name.value}`); },
  }));
  return used;
}
