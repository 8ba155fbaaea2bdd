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
 *
 * Exclusive type conditions cost their largest branch, not their sum: under a union or interface,
 * `... on Person { ... } ... on Company { ... }` selects one branch per item, so an item costs what its
 * own type selects (fields of the abstract type, plus every branch whose condition includes that type),
 * and the selection costs the dearest of those types.
 *
 * Bounded (see bounded-walk.ts): each fragment is costed once per list size handed down to it, and the
 * walk stops as soon as a part of the operation, times the list sizes above it, is over `maxCost`.
 */
import {
  getNamedType, getNullableType, isAbstractType, isInterfaceType, isListType, isObjectType, Kind,
  type DocumentNode, type FieldNode, type GraphQLCompositeType, type GraphQLSchema,
  type OperationDefinitionNode, type SelectionSetNode,
} from 'graphql';
import { fragmentMemo, fragmentsOf, LimitExceeded, VISITS, within } from './bounded-walk.ts';
import { requestedSize, type SizeContext } from './list-size.ts';

const NOTHING: Branches = { common: 0, byType: new Map() };

interface Walk extends SizeContext {
  schema: GraphQLSchema;
  maxCost: number;
  fragmentCondition(name: string): string | undefined;
  /** Cost of a fragment's selections for a list size handed down from above, computed once per size. */
  fragmentCost(name: string, sizeFromAbove: number | undefined, factor: number): Branches;
}

/** `factor`: how many times this field is fetched (the sizes of the lists above it): only for stopping early. */
function fieldCost(parent: GraphQLCompositeType, node: FieldNode, walk: Walk, sizeFromAbove: number | undefined, factor: number): number {
  // __typename is free; introspection is governed by the introspection setting, not by cost.
  if (node.name.value.startsWith('__') || !node.selectionSet) return 0;
  const def = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[node.name.value] : undefined;
  if (!def) return 0;
  const child = getNamedType(def.type) as GraphQLCompositeType;
  const own = requestedSize(def, node, walk);
  let cost: number;
  if (isListType(getNullableType(def.type))) {
    const size = own ?? sizeFromAbove ?? walk.defaultListSize;
    cost = size * (1 + dearest(selectionCost(child, node.selectionSet, walk, undefined, factor * size)));
  } else {
    // A sized object (a connection) passes its size to the lists right below it.
    cost = 1 + dearest(selectionCost(child, node.selectionSet, walk, own, factor));
  }
  // The whole operation costs at least this field times the lists above it.
  within('cost', cost * factor, walk.maxCost);
  return cost;
}

/** What a selection set costs: on every object, plus per possible type of an abstract parent. */
interface Branches { common: number; byType: ReadonlyMap<string, number> }

function dearest(branches: Branches): number {
  let most = 0;
  for (const cost of branches.byType.values()) most = Math.max(most, cost);
  return branches.common + most;
}

function selectionCost(parent: GraphQLCompositeType, set: SelectionSetNode, walk: Walk, sizeFromAbove: number | undefined, factor: number): Branches {
  let common = 0;
  const byType = new Map<string, number>();
  const addTo = (type: string, cost: number): void => { if (cost !== 0) byType.set(type, (byType.get(type) ?? 0) + cost); };
  // A branch (inline fragment or spread) with type condition `typeName`: it applies to the possible types
  // of both the parent and the condition, each of them costing what the branch selects for it.
  const branch = (typeName: string, inner: Branches): void => {
    const type = walk.schema.getType(typeName);
    if (!type) return;
    if (!isAbstractType(parent)) { common += inner.common + (inner.byType.get(parent.name) ?? 0); return; }
    if (type === parent) {
      common += inner.common;
      for (const [name, cost] of inner.byType) addTo(name, cost);
      return;
    }
    const types = isAbstractType(type) ? walk.schema.getPossibleTypes(type).filter((t) => walk.schema.isSubType(parent, t)) : [type];
    for (const t of types) addTo(t.name, inner.common + (inner.byType.get(t.name) ?? 0));
  };
  for (const selection of set.selections) {
    VISITS.cost += 1;
    if (selection.kind === Kind.FIELD) {
      common += fieldCost(parent, selection, walk, sizeFromAbove, factor);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const type = selection.typeCondition ? walk.schema.getType(selection.typeCondition.name.value) : parent;
      if (type) branch(type.name, selectionCost(type as GraphQLCompositeType, selection.selectionSet, walk, sizeFromAbove, factor));
    } else {
      const condition = walk.fragmentCondition(selection.name.value);
      if (condition) branch(condition, walk.fragmentCost(selection.name.value, sizeFromAbove, factor));
    }
  }
  return { common, byType };
}

/**
 * The operation's cost, or Infinity once it is known to exceed `maxCost` (the walk stops there; without
 * `maxCost`, the exact cost).
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  defaultListSize: number,
  maxCost = Number.POSITIVE_INFINITY,
): number {
  const root = schema.getRootType(operation.operation);
  if (!root) return 0;
  const fragments = fragmentsOf(document);
  // The factor a fragment is first costed under is that of a real place of it in the operation: stopping
  // there is sound, and the cost memoised is the fragment's own, whatever the factor.
  let spreadFactor = 1;
  const memo = fragmentMemo(fragments, (fragment, size) => {
    const factor = spreadFactor;
    const type = schema.getType(fragment.typeCondition.name.value);
    return type ? selectionCost(type as GraphQLCompositeType, fragment.selectionSet, walk, size === '' ? undefined : Number(size), factor) : NOTHING;
  }, NOTHING);
  const walk: Walk = {
    schema, variables, operation, defaultListSize, maxCost,
    fragmentCondition: (name) => fragments.get(name)?.typeCondition.name.value,
    fragmentCost: (name, size, factor) => { spreadFactor = factor; return memo(name, size === undefined ? '' : String(size)); },
  };
  try {
    return dearest(selectionCost(root, operation.selectionSet, walk, undefined, 1));
  } catch (error) {
    if (error instanceof LimitExceeded) return Number.POSITIVE_INFINITY;
    throw error;
  }
}
