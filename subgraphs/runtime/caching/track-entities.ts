/**
 * Records every entity a response returns, generically: fields whose type is an entity (a type with
 * @key, its key being `id`) note the objects they resolve, and `_entities` notes its representations.
 * Only those fields are wrapped, so the rest of the schema pays nothing.
 */
import { applyMiddleware } from 'graphql-middleware';
import { getNamedType, isObjectType, Kind, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { EntityTracker } from './entity-tracker.ts';

type Resolve = (parent: unknown, args: Record<string, unknown>, context: { entities?: EntityTracker }, info: unknown) => unknown;

export function entityTypes(typeDefs: DocumentNode): Set<string> {
  return new Set(typeDefs.definitions.flatMap((def) =>
    (def.kind === Kind.OBJECT_TYPE_DEFINITION || def.kind === Kind.OBJECT_TYPE_EXTENSION) && def.directives?.some((d) => d.name.value === 'key')
      ? [def.name.value] : []));
}

function note(tracker: EntityTracker | undefined, typename: string, value: unknown): void {
  if (!tracker || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) { for (const item of value) note(tracker, typename, item); return; }
  tracker.saw(typename, (value as { id?: unknown }).id);
}

export function trackEntities(schema: GraphQLSchema, typeDefs: DocumentNode): GraphQLSchema {
  const entities = entityTypes(typeDefs);
  const middleware: Record<string, Record<string, (resolve: Resolve, ...rest: Parameters<Resolve>) => Promise<unknown>>> = {};
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const [name, field] of Object.entries(type.getFields())) {
      const returned = getNamedType(field.type).name;
      if (!entities.has(returned)) continue;
      (middleware[type.name] ??= {})[name] = async (resolve, parent, args, context, info) => {
        const value = await resolve(parent, args, context, info);
        note(context.entities, returned, value);
        return value;
      };
    }
  }
  middleware['Query'] = {
    ...middleware['Query'],
    _entities: async (resolve, parent, args, context, info) => {
      for (const representation of (args['representations'] as { __typename?: string; id?: unknown }[] | undefined) ?? []) {
        if (representation.__typename) context.entities?.saw(representation.__typename, representation.id);
      }
      return resolve(parent, args, context, info);
    },
  };
  return applyMiddleware(schema, middleware as never);
}
