/**
 * Which subgraph resolves what, read from a supergraph's join__ directives: @join__graph names the
 * subgraphs, @join__type says which subgraphs define a type (and with which key, resolvable or not), and
 * @join__field, when present, which subgraphs resolve a field (otherwise every subgraph defining its type).
 * A type's OWNER is the subgraph that resolves most of its fields (the entity's owner describes it, other
 * subgraphs add a few fields); a value type every subgraph shares equally has none.
 */
import { Kind, valueFromASTUntyped, type DirectiveNode, type DocumentNode } from 'graphql';

export interface TypeOwnership {
  /** Subgraphs that define the type, in join__Graph order. */
  graphs: string[];
  /** Subgraphs that can resolve it (a stub `@key(resolvable: false)` only refers to it). */
  resolvable: string[];
  keys: string[];
  owner: string | null;
}

export interface Ownership {
  graphs: string[];
  types: Map<string, TypeOwnership>;
  /** "Type.field" -> subgraphs that resolve it. */
  fields: Map<string, string[]>;
}

const args = (d: DirectiveNode): Record<string, unknown> =>
  Object.fromEntries((d.arguments ?? []).map((a) => [a.name.value, valueFromASTUntyped(a.value)]));
const named = (directives: readonly DirectiveNode[] | undefined, name: string) =>
  (directives ?? []).filter((d) => d.name.value === name).map(args);

export function readOwnership(supergraph: DocumentNode): Ownership {
  const graphNames = new Map<string, string>();
  for (const def of supergraph.definitions) {
    if (def.kind !== Kind.ENUM_TYPE_DEFINITION || def.name.value !== 'join__Graph') continue;
    for (const value of def.values ?? []) graphNames.set(value.name.value, String(named(value.directives, 'join__graph')[0]?.['name'] ?? value.name.value));
  }
  const graphOf = (value: unknown): string => graphNames.get(String(value)) ?? String(value);
  const order = (list: string[]) => [...new Set(list)].sort((a, b) => [...graphNames.values()].indexOf(a) - [...graphNames.values()].indexOf(b));
  const types = new Map<string, TypeOwnership>();
  const fields = new Map<string, string[]>();

  for (const def of supergraph.definitions) {
    if (!('name' in def) || !def.name || !('directives' in def) || def.kind === Kind.DIRECTIVE_DEFINITION) continue;
    const joinTypes = named(def.directives, 'join__type');
    if (joinTypes.length === 0) continue;
    const type = def.name.value;
    const graphs = order(joinTypes.map((j) => graphOf(j['graph'])));
    const resolvable = order(joinTypes.filter((j) => j['resolvable'] !== false).map((j) => graphOf(j['graph'])));
    const keys = [...new Set(joinTypes.map((j) => j['key']).filter((k): k is string => typeof k === 'string'))];
    const perGraph = new Map<string, number>();
    if ('fields' in def) {
      for (const field of def.fields ?? []) {
        const joins = named(field.directives, 'join__field').filter((j) => j['graph'] !== undefined && j['external'] !== true && j['usedOverridden'] !== true);
        const by = joins.length > 0 ? order(joins.map((j) => graphOf(j['graph']))) : resolvable;
        fields.set(`${type}.${field.name.value}`, by);
        if (!keys.some((k) => k.split(/\s+/).includes(field.name.value))) for (const g of by) perGraph.set(g, (perGraph.get(g) ?? 0) + 1);
      }
    }
    types.set(type, { graphs, resolvable, keys, owner: ownerOf(resolvable, perGraph) });
  }
  return { graphs: [...graphNames.values()], types, fields };
}

function ownerOf(resolvable: string[], fieldsPerGraph: Map<string, number>): string | null {
  if (resolvable.length === 1) return resolvable[0] ?? null;
  const ranked = [...fieldsPerGraph].sort((a, b) => b[1] - a[1]);
  const [first, second] = ranked;
  return first && (!second || first[1] > second[1]) ? first[0] : null;
}
