/**
 * The schema coordinates a subgraph document defines, each with a signature that changes whenever its
 * definition does (type, default value, description, applied directives): the basis of the publish diff
 * and of the design warnings, which concern only what the published subgraph itself defines.
 *
 * Coordinates: "Type", "Type.field", "Type.field(arg:)", "Input.field", "Enum.VALUE", "@directive".
 */
import {
  Kind, print,
  type DefinitionNode, type DirectiveNode, type DocumentNode, type FieldDefinitionNode,
  type InputValueDefinitionNode, type StringValueNode,
} from 'graphql';

const text = (description: StringValueNode | undefined): string => description?.value ?? '';
const directives = (nodes: readonly DirectiveNode[] | undefined): string => (nodes ?? []).map(print).join(' ');

const inputValue = (v: InputValueDefinitionNode): string =>
  [print(v.type), v.defaultValue ? print(v.defaultValue) : '', text(v.description), directives(v.directives)].join('|');

export function subgraphCoordinates(document: DocumentNode): Map<string, string> {
  const coordinates = new Map<string, string>();
  // `type X` and `extend type X` may both appear: their signatures are concatenated.
  const add = (coordinate: string, signature: string) => {
    const previous = coordinates.get(coordinate);
    coordinates.set(coordinate, previous === undefined ? signature : `${previous};${signature}`);
  };
  const addFields = (type: string, fields: readonly (FieldDefinitionNode | InputValueDefinitionNode)[] | undefined) => {
    for (const field of fields ?? []) {
      const coordinate = `${type}.${field.name.value}`;
      if (field.kind === Kind.INPUT_VALUE_DEFINITION) { add(coordinate, inputValue(field)); continue; }
      add(coordinate, [print(field.type), text(field.description), directives(field.directives)].join('|'));
      for (const arg of field.arguments ?? []) add(`${coordinate}(${arg.name.value}:)`, inputValue(arg));
    }
  };
  for (const def of document.definitions) {
    if (def.kind === Kind.DIRECTIVE_DEFINITION) {
      add(`@${def.name.value}`, [text(def.description), ...(def.arguments ?? []).map(inputValue), def.repeatable, ...def.locations.map((l) => l.value)].join('|'));
      continue;
    }
    if (!('name' in def) || !def.name) continue;
    const name = def.name.value;
    add(name, typeSignature(def));
    if ('fields' in def) addFields(name, def.fields);
    if ('values' in def) for (const value of def.values ?? []) add(`${name}.${value.name.value}`, [text(value.description), directives(value.directives)].join('|'));
  }
  return coordinates;
}

/** What a type definition says besides its fields and values. */
function typeSignature(def: DefinitionNode): string {
  const parts: string[] = [def.kind];
  if ('description' in def) parts.push(text(def.description));
  if ('directives' in def) parts.push(directives(def.directives));
  if ('interfaces' in def) parts.push((def.interfaces ?? []).map((i) => i.name.value).join('&'));
  if ('types' in def) parts.push((def.types ?? []).map((t) => t.name.value).join('|'));
  return parts.join('|');
}
