/**
 * graphql-shield permissions generated from the schema's authorization directives (contracts/authz), deny
 * by default: every field of a root type or of an entity this subgraph resolves needs a rule (its own or
 * its type's), or nobody reads it. Value types (Money, connections...) are guarded by the field that
 * returns them. Federation's `_service` and `_entities` are allowed here because the internal token,
 * checked before any of this, already proved the caller is the gateway.
 *
 * An object a data policy refuses answers as a missing one (visibility.ts: NOT_FOUND or null, as its field
 * answers for an unknown id), decided when a field returns it; the field rules below still hold as a
 * backstop, and answer a type's data-policy refusal as NOT_FOUND too. FORBIDDEN is left for rules that do
 * not depend on the object (role, channel, scopes), which refuse every id alike.
 */
import { applyMiddleware } from 'graphql-middleware';
import { allow, deny, rule, shield } from 'graphql-shield';
import type { IRule } from 'graphql-shield';
import { isIntrospectionType, isObjectType, Kind, type DocumentNode, type GraphQLSchema } from 'graphql';
import { CONTEXT_POLICIES } from '../../../contracts/authz/context-policies.ts';
import { decide, type Policy } from '../../../contracts/authz/decide.ts';
import { readRules, rulesFor } from '../../../contracts/authz/read-rules.ts';
import type { Rule } from '../../../contracts/authz/spec.ts';
import { codedError } from '../../../contracts/error-codes.ts';
import type { BaseContext } from '../serving/definition.ts';
import { notFound } from './not-found.ts';
import { answerHiddenAsMissing, dataGuardedTypes, visibilityOf } from './visibility.ts';

const FEDERATION_FIELDS = new Set(['Query._service', 'Query._entities', '_Service.sdl']);
const MESSAGES = { UNAUTHENTICATED: 'Sign in to see this.', FORBIDDEN: 'You may not see this.' } as const;

/** Entity types this subgraph resolves (a @key without resolvable: false), and their key fields. */
function entityKeys(typeDefs: DocumentNode): Map<string, Set<string>> {
  const entities = new Map<string, Set<string>>();
  for (const def of typeDefs.definitions) {
    if (def.kind !== Kind.OBJECT_TYPE_DEFINITION && def.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    for (const key of (def.directives ?? []).filter((d) => d.name.value === 'key')) {
      const resolvable = key.arguments?.find((a) => a.name.value === 'resolvable');
      if (resolvable?.value.kind === Kind.BOOLEAN && !resolvable.value.value) continue;
      const fields = key.arguments?.find((a) => a.name.value === 'fields');
      const names = fields?.value.kind === Kind.STRING ? fields.value.value.split(/\s+/).filter(Boolean) : [];
      entities.set(def.name.value, new Set([...(entities.get(def.name.value) ?? []), ...names]));
    }
  }
  return entities;
}

/** Fails the start-up when the schema names a policy nobody implements. */
export function assertKnownPolicies(typeDefs: DocumentNode, policies: Readonly<Record<string, Policy>>): void {
  const { types, fields } = readRules(typeDefs);
  const unknown = [...types.values(), ...fields.values()].flat()
    .filter((r): r is Extract<Rule, { kind: 'policy' }> => r.kind === 'policy' && !(r.name in policies))
    .map((r) => r.name);
  if (unknown.length > 0) throw new Error(`Unknown authorization policies in the schema: ${[...new Set(unknown)].join(', ')}`);
}

export function applyAuthorization(schema: GraphQLSchema, typeDefs: DocumentNode, dataPolicies: Readonly<Record<string, Policy>> = {}): GraphQLSchema {
  const policies = { ...CONTEXT_POLICIES, ...dataPolicies };
  assertKnownPolicies(typeDefs, policies);
  const rules = readRules(typeDefs);
  const entities = entityKeys(typeDefs);
  const dataGuarded = dataGuardedTypes(rules, policies);
  const guarded = new Set([schema.getQueryType()?.name, schema.getMutationType()?.name, ...entities.keys()]);
  const shieldRules = new Map<string, IRule>();

  const shieldRuleFor = (typename: string, applying: readonly Rule[]): IRule => {
    const needsData = applying.some((r) => r.kind === 'policy' && policies[r.name]?.needs === 'data');
    const name = needsData ? `${typename}:${JSON.stringify(applying)}` : JSON.stringify(applying);
    let built = shieldRules.get(name);
    if (!built) {
      const typeRules = dataGuarded.get(typename);
      // Context-only rules run once per request; data rules once per object read.
      built = rule(name, { cache: needsData ? 'strict' : 'contextual' })((parent: unknown, _args: unknown, ctx: BaseContext) => {
        const decision = decide(applying, ctx.principal, { policies, parent, at: 'subgraph' });
        if (decision.allowed) return true;
        if (typeRules && visibilityOf(typeRules, ctx.principal, policies, parent) === 'hidden') return notFound(typename);
        return codedError(decision.code, MESSAGES[decision.code]);
      });
      shieldRules.set(name, built);
    }
    return built;
  };

  const map: Record<string, Record<string, IRule>> = {};
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || isIntrospectionType(type)) continue;
    map[type.name] = Object.fromEntries(Object.keys(type.getFields()).map((field) => {
      const coordinate = `${type.name}.${field}`;
      const applying = rulesFor(rules, type.name, field);
      if (FEDERATION_FIELDS.has(coordinate)) return [field, allow];
      if (applying.length > 0) return [field, shieldRuleFor(type.name, applying)];
      const isKeyField = entities.get(type.name)?.has(field) ?? false;
      return [field, guarded.has(type.name) && !isKeyField ? deny : allow];
    }));
  }
  const permissions = shield(map, {
    fallbackRule: deny,
    fallbackError: () => codedError('FORBIDDEN', MESSAGES.FORBIDDEN),
    // Resolver errors (UPSTREAM_*...) are reported as they are, never as authorization failures.
    allowExternalErrors: true,
  });
  // Shield wraps every field, scalars of value types included, in an async middleware. Every field is in
  // the rule map above, so those whose rule is `allow` need no wrapping: dropping them keeps the same
  // decisions and spares each response thousands of promises.
  const generated = permissions.generate(schema) as Record<string, Record<string, unknown>>;
  const guardedOnly = Object.fromEntries(Object.entries(generated)
    .map(([type, fields]) => [type, Object.fromEntries(Object.entries(fields).filter(([field]) => map[type]?.[field] !== (allow as unknown)))] as const)
    .filter(([, fields]) => Object.keys(fields).length > 0));
  // Innermost: the shield's field rules run first, then a returned object is hidden if a data policy refuses it.
  return applyMiddleware(answerHiddenAsMissing(schema, rules, policies), guardedOnly as never);
}
