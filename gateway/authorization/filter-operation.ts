/**
 * Removes from an operation every field the principal may not see, before the gateway plans it, so that
 * such a field is never planned, fetched or cached. Each removal is recorded as a Denial: where the field
 * was in the response, and where its null goes (the field itself, or its nearest nullable ancestor when
 * the field is non-null). A selection emptied by removals is removed too, its field nulled.
 *
 * It walks an operation whose fragments are inlined (inline-fragments.ts): one visit per selection, so
 * its work is bounded by the inlining budget (the channel's maxSelections).
 */
import {
  getNamedType, isAbstractType, isCompositeType, isNonNullType, Kind,
  type FieldNode, type GraphQLCompositeType, type GraphQLSchema, type OperationDefinitionNode, type SelectionNode, type SelectionSetNode,
} from 'graphql';
import type { Principal } from '../../contracts/principal.ts';
import { CONTEXT_POLICIES } from '../../contracts/authz/context-policies.ts';
import { decide } from '../../contracts/authz/decide.ts';
import { rulesFor, type AccessRules } from '../../contracts/authz/read-rules.ts';
import { VISITS } from '../limits/bounded-walk.ts';

/** Alias under which __typename is fetched where a removal applies to one type of an abstract field. */
export const TYPENAME_ALIAS = '__passerelle_typename';

export interface PathSegment { key: string; nullable: boolean; onType?: string }
export interface Denial {
  /** Response keys down to the removed field (list indices are implied). */
  path: readonly PathSegment[];
  /** null for a field emptied by removals below it (their errors say why). */
  code: 'UNAUTHENTICATED' | 'FORBIDDEN' | null;
  /** Length of the path prefix whose last field becomes null; 0 nulls the whole `data`. */
  nullAt: number;
}

export interface FilteredOperation { operation: OperationDefinitionNode; denials: Denial[]; empty: boolean }

function nullTarget(path: readonly PathSegment[]): number {
  for (let i = path.length - 1; i >= 0; i--) if (path[i]?.nullable) return i + 1;
  return 0;
}

export function filterOperation(schema: GraphQLSchema, rules: AccessRules, operation: OperationDefinitionNode, principal: Principal): FilteredOperation {
  const denials: Denial[] = [];
  const root = schema.getRootType(operation.operation);
  if (!root) return { operation, denials, empty: false };

  const filterSet = (set: SelectionSetNode, parent: GraphQLCompositeType, path: PathSegment[], onType: string | undefined): SelectionSetNode | null => {
    let needsTypename = false;
    const selections: SelectionNode[] = [];
    for (const selection of set.selections) {
      VISITS.filter += 1;
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        if (!type || !isCompositeType(type)) continue;
        const narrowed = type.name !== parent.name && isAbstractType(parent) ? type.name : onType;
        const before = denials.length;
        const inner = filterSet(selection.selectionSet, type, path, narrowed);
        if (narrowed !== onType && denials.length > before) needsTypename = true;
        if (inner) selections.push({ ...selection, selectionSet: inner });
        continue;
      }
      if (selection.kind !== Kind.FIELD) continue;
      const kept = filterField(selection, parent, path, onType);
      if (kept) selections.push(kept);
    }
    if (selections.length === 0) return null;
    if (needsTypename) selections.push({ kind: Kind.FIELD, alias: { kind: Kind.NAME, value: TYPENAME_ALIAS }, name: { kind: Kind.NAME, value: '__typename' } });
    return { ...set, selections };
  };

  const filterField = (field: FieldNode, parent: GraphQLCompositeType, path: PathSegment[], onType: string | undefined): FieldNode | null => {
    if (field.name.value.startsWith('__')) return field;
    const definition = 'getFields' in parent ? parent.getFields()[field.name.value] : undefined;
    if (!definition) return field;
    const here: PathSegment[] = [...path, { key: field.alias?.value ?? field.name.value, nullable: !isNonNullType(definition.type), ...(onType ? { onType } : {}) }];
    const decision = decide(rulesFor(rules, parent.name, field.name.value), principal, { policies: CONTEXT_POLICIES, at: 'gateway' });
    if (!decision.allowed) {
      denials.push({ path: here, code: decision.code, nullAt: nullTarget(here) });
      return null;
    }
    if (!field.selectionSet) return field;
    const inner = filterSet(field.selectionSet, getNamedType(definition.type) as GraphQLCompositeType, here, undefined);
    if (inner) return { ...field, selectionSet: inner };
    denials.push({ path: here, code: null, nullAt: nullTarget(here) });
    return null;
  };

  const selectionSet = filterSet(operation.selectionSet, root, [], undefined);
  return { operation: { ...operation, selectionSet: selectionSet ?? { kind: Kind.SELECTION_SET, selections: [] } }, denials, empty: selectionSet === null };
}
