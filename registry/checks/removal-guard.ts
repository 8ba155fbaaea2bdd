/**
 * Removals that block a publish whether or not a registered operation uses them: a root field, a type,
 * or everything a subgraph contributes. They are found by comparing the candidate supergraph with the
 * supergraph gateways serve, using that supergraph's join__ directives to know what the publishing
 * subgraph contributes there, so they are caught even when the store holds no earlier version of the
 * subgraph (an emptied store, a subgraph published under a new name) and only the served graph knows it.
 */
import { isObjectType, isInterfaceType, isInputObjectType, parse, type GraphQLSchema } from 'graphql';
import { readOwnership } from '../docs/ownership.ts';
import type { SchemaChange } from '../types.ts';

const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

const hasField = (schema: GraphQLSchema, coordinate: string): boolean => {
  const [typeName, field] = coordinate.split('.') as [string, string];
  const type = schema.getType(typeName);
  return (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) && field in type.getFields();
};

export interface GuardInput {
  subgraph: string;
  /** The supergraph in service and its API schema. */
  servedSdl: string;
  servedApi: GraphQLSchema;
  /** The candidate supergraph and its API schema. */
  afterSdl: string;
  after: GraphQLSchema;
}

export function guardedRemovals({ subgraph, servedSdl: servedSupergraphSdl, servedApi, afterSdl, after }: GuardInput): SchemaChange[] {
  const ownership = readOwnership(parse(servedSupergraphSdl, { noLocation: true }));
  if (!ownership.graphs.includes(subgraph)) return [];
  const changes: SchemaChange[] = [];
  const contributed = [...ownership.fields].filter(([coordinate, graphs]) => graphs.includes(subgraph) && hasField(servedApi, coordinate)).map(([c]) => c);
  for (const coordinate of contributed) {
    if (ROOT_TYPES.has(coordinate.split('.')[0]!) && !hasField(after, coordinate)) {
      changes.push({ type: 'ROOT_FIELD_REMOVED', description: `${coordinate}, which ${subgraph} resolves in the served supergraph, was removed.` });
    }
  }
  for (const [type, owned] of ownership.types) {
    if (owned.graphs.includes(subgraph) && servedApi.getType(type) && !after.getType(type)) {
      changes.push({ type: 'TYPE_REMOVED', description: `${type}, which ${subgraph} defines in the served supergraph, was removed.` });
    }
  }
  // Whole contribution: the candidate resolves none of the fields the subgraph resolves today.
  const resolvedAfter = readOwnership(parse(afterSdl, { noLocation: true })).fields;
  if (contributed.length > 0 && contributed.every((c) => !resolvedAfter.get(c)?.includes(subgraph))) {
    changes.push({ type: 'SUBGRAPH_CONTRIBUTION_REMOVED', description: `${subgraph} no longer resolves any of the ${contributed.length} fields it resolves in the served supergraph.` });
  }
  return changes;
}
