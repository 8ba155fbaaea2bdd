/**
 * No existence oracles: an object a data policy (customer-account, order-reader, bill-reader...) refuses the
 * caller answers exactly as an object that does not exist, because ids are sequential and any difference
 * would let a caller enumerate other customers' orders and bills. So the refusal is decided on the object as
 * soon as a field returns it (before any of its fields runs) and answered as the field answers for a missing
 * object: NOT_FOUND (runtime/authorization/not-found.ts, the very error the loaders give for unknown ids) at the field's
 * path for a lookup (root fields, `_entities` items, list items, non-null fields), or null without error
 * for a nullable relation, whose missing object is null (an order's bill before it is issued).
 *
 * What does not depend on the object (a role, a channel, scopes: context rules, the same for every id) is
 * left to graphql-shield, which answers FORBIDDEN, or UNAUTHENTICATED to anonymous callers, field by field.
 */
import { applyMiddleware } from 'graphql-middleware';
import { getNamedType, getNullableType, isIntrospectionType, isListType, isNonNullType, isObjectType, type GraphQLSchema } from 'graphql';
import type { Principal } from '../../../contracts/principal.ts';
import { decide, type Policy } from '../../../contracts/authz/decide.ts';
import type { AccessRules } from '../../../contracts/authz/read-rules.ts';
import type { Rule } from '../../../contracts/authz/spec.ts';
import type { BaseContext } from '../serving/definition.ts';
import { notFound } from './not-found.ts';

/** visible; hidden by a data policy (answered as missing); or refused by a context rule (FORBIDDEN). */
export type Visibility = 'visible' | 'hidden' | 'refused';

/** The object types whose own rules name a data policy, with those rules. */
export function dataGuardedTypes(rules: AccessRules, policies: Readonly<Record<string, Policy>>): Map<string, readonly Rule[]> {
  return new Map([...rules.types].filter(([, typeRules]) =>
    typeRules.some((r) => r.kind === 'policy' && policies[r.name]?.needs === 'data')));
}

/** How the rules of an object's type treat one object, for one principal. */
export function visibilityOf(typeRules: readonly Rule[], principal: Principal, policies: Readonly<Record<string, Policy>>, object: unknown): Visibility {
  // Decided as the gateway decides, data policies left out: a refusal here is the same for every object.
  if (!decide(typeRules, principal, { policies, at: 'gateway' }).allowed) return 'refused';
  return decide(typeRules, principal, { policies, parent: object, at: 'subgraph' }).allowed ? 'visible' : 'hidden';
}

const isPromise = (value: unknown): value is Promise<unknown> =>
  typeof (value as { then?: unknown } | null)?.then === 'function';

type Resolve = (parent: unknown, args: Record<string, unknown>, context: BaseContext, info: unknown) => unknown;
type Middleware = (resolve: Resolve, ...rest: Parameters<Resolve>) => Promise<unknown>;

/** Wraps every field returning a data-guarded type, and `_entities`, so that hidden objects answer as missing. */
export function answerHiddenAsMissing(schema: GraphQLSchema, rules: AccessRules, policies: Readonly<Record<string, Policy>>): GraphQLSchema {
  const guarded = dataGuardedTypes(rules, policies);
  if (guarded.size === 0) return schema;
  const isHidden = (typename: string, object: unknown, principal: Principal): boolean => {
    const typeRules = guarded.get(typename);
    if (!typeRules || object === null || typeof object !== 'object' || object instanceof Error) return false;
    return visibilityOf(typeRules, principal, policies, object) === 'hidden';
  };
  /** One item of a list (or of `_entities`), maybe a promise: a hidden one becomes NOT_FOUND at its index. */
  const itemOf = (typename: string, item: unknown, principal: Principal): unknown =>
    isPromise(item)
      ? item.then((resolved: unknown) => (isHidden(typename, resolved, principal) ? Promise.reject(notFound(typename)) : resolved))
      : isHidden(typename, item, principal) ? notFound(typename) : item;

  const roots = new Set([schema.getQueryType()?.name, schema.getMutationType()?.name, schema.getSubscriptionType()?.name]);
  const middleware: Record<string, Record<string, Middleware>> = {};
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || isIntrospectionType(type)) continue;
    for (const [name, field] of Object.entries(type.getFields())) {
      const typename = getNamedType(field.type).name;
      if (!guarded.has(typename)) continue;
      const list = isListType(getNullableType(field.type));
      // A nullable relation answers null when its object is missing; a lookup answers NOT_FOUND.
      const missingIsNull = !list && !roots.has(type.name) && !isNonNullType(field.type);
      (middleware[type.name] ??= {})[name] = async (resolve, parent, args, context, info) => {
        const value = await resolve(parent, args, context, info);
        if (list) return Array.isArray(value) ? value.map((item) => itemOf(typename, item, context.principal)) : value;
        if (!isHidden(typename, value, context.principal)) return value;
        if (missingIsNull) return null;
        throw notFound(typename);
      };
    }
  }
  const query = schema.getQueryType()?.name ?? 'Query';
  if (schema.getQueryType()?.getFields()['_entities']) {
    (middleware[query] ??= {})['_entities'] = async (resolve, parent, args, context, info) => {
      const value = await resolve(parent, args, context, info);
      if (!Array.isArray(value)) return value;
      const representations = (args['representations'] ?? []) as { __typename?: unknown }[];
      return value.map((item, i) => {
        const typename = representations[i]?.__typename;
        return typeof typename === 'string' ? itemOf(typename, item, context.principal) : item;
      });
    };
  }
  return applyMiddleware(schema, middleware as never);
}
