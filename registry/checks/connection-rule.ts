/**
 * Lists that should be connections. A plain list cannot be paged, and turning it into a connection later
 * changes its type: a breaking change for every client. So, kept simple, a field returning a list of
 * objects (object, interface or union types) is flagged when it is a root field (such lists grow with the
 * data) or when it already takes paging arguments (first, after, offset...: it IS paged, without a cursor
 * or a total). Short fixed lists inside an object (an order's items) are left alone.
 */
import {
  getNamedType, getNullableType, isCompositeType, isInterfaceType, isListType, isObjectType,
  type GraphQLSchema,
} from 'graphql';
import type { DesignWarning } from '../../schema/composition/design-rules.ts';

const PAGING_ARGUMENTS = new Set(['first', 'last', 'after', 'before', 'offset', 'limit', 'page', 'pageSize']);

export function connectionWarnings(schema: GraphQLSchema, within: ReadonlySet<string>): DesignWarning[] {
  const roots = new Set([schema.getQueryType()?.name, schema.getMutationType()?.name, schema.getSubscriptionType()?.name]);
  const warnings: DesignWarning[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if ((!isObjectType(type) && !isInterfaceType(type)) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const coordinate = `${type.name}.${field.name}`;
      if (!within.has(coordinate) || !isListType(getNullableType(field.type))) continue;
      const item = getNamedType(field.type);
      if (!isCompositeType(item)) continue;
      const paging = field.args.filter((a) => PAGING_ARGUMENTS.has(a.name)).map((a) => a.name);
      if (!roots.has(type.name) && paging.length === 0) continue;
      const why = paging.length > 0 ? `takes paging arguments (${paging.join(', ')})` : 'is a root field';
      warnings.push({
        rule: 'list-should-be-connection',
        coordinate,
        message: `${coordinate} returns a plain list of ${item.name} and ${why}: return a ${item.name}Connection (edges, nodes, pageInfo, totalCount; `
          + 'first/after arguments, see subgraphs/runtime/shared-types/connection.ts) so that clients can page it and paging never has to be added later as a breaking change.',
      });
    }
  }
  return warnings;
}
