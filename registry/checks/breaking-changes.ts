/**
 * Breaking and dangerous changes between two API schemas (graphql-js findBreakingChanges /
 * findDangerousChanges), and, for each breaking change, the schema elements an operation must use to be
 * affected by it: that is how a breaking change is tied to the registered operations it breaks.
 */
import { findBreakingChanges, findDangerousChanges, isInputObjectType, type GraphQLSchema } from 'graphql';
import type { SchemaChange } from '../types.ts';

export function schemaChanges(before: GraphQLSchema, after: GraphQLSchema): { breaking: SchemaChange[]; dangerous: SchemaChange[] } {
  const plain = (c: { type: string; description: string }): SchemaChange => ({ type: c.type, description: c.description });
  return { breaking: findBreakingChanges(before, after).map(plain), dangerous: findDangerousChanges(before, after).map(plain) };
}

/**
 * The usage keys (see operation-usage.ts) of the elements a breaking change touches, read from graphql-js'
 * description (its only structured output is the change type). A change to an input type touches every
 * operation using that input type, since variables carry whole input objects.
 */
export function touchedBy(change: SchemaChange, before: GraphQLSchema): string[] {
  const d = change.description;
  const match = (re: RegExp): string[] => re.exec(d)?.slice(1) ?? [];
  switch (change.type) {
    case 'TYPE_REMOVED': return match(/(\w+) was removed/);
    case 'TYPE_CHANGED_KIND': return match(/^(\w+) changed from/);
    case 'TYPE_REMOVED_FROM_UNION': return match(/from union type (\w+)\./);
    case 'VALUE_REMOVED_FROM_ENUM': return match(/from enum type (\w+)\./);
    case 'REQUIRED_INPUT_FIELD_ADDED': return match(/on input type (\w+) was added/);
    case 'IMPLEMENTED_INTERFACE_REMOVED': return match(/implements interface (\w+)\./);
    case 'FIELD_REMOVED':
    case 'FIELD_CHANGED_KIND': {
      const [type, field] = match(/^(\w+)\.(\w+) /);
      if (!type || !field) return [];
      return isInputObjectType(before.getType(type)) ? [type] : [`${type}.${field}`];
    }
    case 'REQUIRED_ARG_ADDED': return match(/on (\w+\.\w+) was added/);
    case 'ARG_REMOVED':
    case 'ARG_CHANGED_KIND': {
      const [type, field, arg] = match(/^(\w+)\.(\w+) arg (\w+) /);
      return type && field && arg ? [`${type}.${field}(${arg}:)`] : [];
    }
    case 'DIRECTIVE_REMOVED': return match(/^(\w+) was removed\./).map((n) => `@${n}`);
    case 'REQUIRED_DIRECTIVE_ARG_ADDED': return match(/on directive (\w+) was added/).map((n) => `@${n}`);
    case 'DIRECTIVE_ARG_REMOVED':
    case 'DIRECTIVE_REPEATABLE_REMOVED':
    case 'DIRECTIVE_LOCATION_REMOVED': return match(/from (\w+)\.$/).map((n) => `@${n}`);
    default: return [];
  }
}
