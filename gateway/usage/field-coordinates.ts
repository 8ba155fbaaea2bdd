/**
 * The schema coordinates ("Type.field") an operation reads, from its selection sets and the schema's type
 * information (graphql-js TypeInfo). Each fragment the operation uses is walked once, however often it is
 * spread, so the work is bounded by the document's size. Memoised per schema and document hash: a
 * client's operation is analysed once, not per request.
 */
import { Kind, TypeInfo, visit, visitWithTypeInfo, type DocumentNode, type FragmentDefinitionNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';

/** Distinct documents remembered per schema (least recently used go first). */
export const COORDINATE_CACHE_ENTRIES = 5_000;

function operationOf(document: DocumentNode, operationName: string | null): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  return operationName ? operations.find((o) => o.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
}

/** The coordinates read by one operation of `document` (the only one when operationName is null), sorted. */
export function fieldCoordinates(schema: GraphQLSchema, document: DocumentNode, operationName: string | null): string[] {
  const operation = operationOf(document, operationName);
  if (!operation) return [];
  const fragments = new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]));
  const coordinates = new Set<string>();
  const walked = new Set<string>();
  const pending: (OperationDefinitionNode | FragmentDefinitionNode)[] = [operation];
  while (pending.length > 0) {
    const node = pending.pop()!;
    const typeInfo = new TypeInfo(schema);
    visit(node, visitWithTypeInfo(typeInfo, {
      Field(field) {
        const parent = typeInfo.getParentType();
        // Meta fields (__typename, introspection) are not part of the schema a change could break.
        if (parent && !field.name.value.startsWith('__') && typeInfo.getFieldDef()) coordinates.add(`${parent.name}.${field.name.value}`);
      },
      FragmentSpread(spread) {
        const name = spread.name.value;
        const fragment = fragments.get(name);
        if (fragment && !walked.has(name)) { walked.add(name); pending.push(fragment); }
      },
    }));
  }
  return [...coordinates].sort();
}

/** fieldCoordinates memoised per schema object and (document hash, operation name). */
export class CoordinateCache {
  private readonly bySchema = new WeakMap<GraphQLSchema, Map<string, readonly string[]>>();

  constructor(private readonly maxEntries = COORDINATE_CACHE_ENTRIES) {}

  get(schema: GraphQLSchema, documentHash: string, document: DocumentNode, operationName: string | null): readonly string[] {
    let cache = this.bySchema.get(schema);
    if (!cache) { cache = new Map(); this.bySchema.set(schema, cache); }
    const key = `${documentHash}\u0000${operationName ?? ''}`;
    const hit = cache.get(key);
    if (hit) {
      cache.delete(key);
      cache.set(key, hit);
      return hit;
    }
    const computed = Object.freeze(fieldCoordinates(schema, document, operationName));
    cache.set(key, computed);
    if (cache.size > this.maxEntries) cache.delete(cache.keys().next().value as string);
    return computed;
  }
}
