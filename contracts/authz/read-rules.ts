/**
 * Reads the authorization rules applied in a schema document (a subgraph's schema.graphql or the
 * supergraph), by coordinate: type rules by type name, field rules by "Type.field".
 */
import { Kind, valueFromASTUntyped, type ConstDirectiveNode, type DocumentNode } from 'graphql';
import type { Rule } from './spec.ts';

export interface AccessRules {
  types: ReadonlyMap<string, readonly Rule[]>;
  fields: ReadonlyMap<string, readonly Rule[]>;
}

function ruleOf(directive: ConstDirectiveNode): Rule | null {
  const arg = (name: string): unknown => {
    const node = directive.arguments?.find((a) => a.name.value === name);
    return node ? valueFromASTUntyped(node.value) : undefined;
  };
  switch (directive.name.value) {
    case 'public': return { kind: 'public' };
    case 'authenticated': return { kind: 'authenticated' };
    case 'requiresRole': return { kind: 'roles', roles: arg('roles') as string[] };
    case 'requiresScopes': return { kind: 'scopes', anyOf: arg('scopes') as string[][] };
    case 'policy': return { kind: 'policy', name: arg('name') as string };
    default: return null;
  }
}

const rulesOf = (directives: readonly ConstDirectiveNode[] | undefined): Rule[] =>
  (directives ?? []).map(ruleOf).filter((r): r is Rule => r !== null);

export function readRules(document: DocumentNode): AccessRules {
  const types = new Map<string, Rule[]>();
  const fields = new Map<string, Rule[]>();
  const add = <K>(map: Map<K, Rule[]>, key: K, rules: Rule[]) => { if (rules.length > 0) map.set(key, [...(map.get(key) ?? []), ...rules]); };
  for (const def of document.definitions) {
    if (def.kind !== Kind.OBJECT_TYPE_DEFINITION && def.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    add(types, def.name.value, rulesOf(def.directives));
    for (const field of def.fields ?? []) add(fields, `${def.name.value}.${field.name.value}`, rulesOf(field.directives));
  }
  return { types, fields };
}

/** The rules that apply to a field: its type's, then its own. */
export const rulesFor = (rules: AccessRules, type: string, field: string): readonly Rule[] =>
  [...(rules.types.get(type) ?? []), ...(rules.fields.get(`${type}.${field}`) ?? [])];
