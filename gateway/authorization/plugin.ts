/**
 * Field-level authorization at the gateway, before planning: the rules are the supergraph's own
 * authorization directives (one source of truth with the subgraphs' graphql-shield); fields the principal
 * may not see are removed from the operation, so they are never planned, fetched or cached, and come back
 * as null with one coded error per path. On channels configured to reject, the whole operation is refused.
 *
 * Filtering works on the operation with its fragments inlined, within the channel's maxSelections: the
 * limits plugin refuses a bigger operation first, and should this hook run anyway (Apollo starts every
 * plugin's didResolveOperation), inlining stops at the budget and refuses with the same coded error.
 */
import { createHash } from 'node:crypto';
import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { Kind, parse, print, type DocumentNode, type GraphQLSchema } from 'graphql';
import { readRules, type AccessRules } from '../../contracts/authz/read-rules.ts';
import { requestError } from '../../contracts/error-codes.ts';
import type { Channel, Principal } from '../../contracts/principal.ts';
import { applyDenials } from './apply-denials.ts';
import { filterOperation, type Denial } from './filter-operation.ts';
import { inlineOperation } from './inline-fragments.ts';
import type { GatewayContext } from '../context.ts';
import { LimitExceeded } from '../limits/bounded-walk.ts';
import { violationMessage } from '../limits/check-limits.ts';
import type { LimitsByChannel } from '../limits/limits-config.ts';

export interface AuthorizationOptions {
  /** Channels on which an operation touching any field the principal may not see is refused whole. */
  rejectOnChannels: readonly Channel[];
}

/** Filtered operations kept per (document, role, scopes, channel): the decision depends on nothing else. */
export const AUTHORIZATION_CACHE_ENTRIES = 2_000;

interface Filtered { denials: Denial[]; empty: boolean; document: DocumentNode | null; queryHash: string | null }

function filter(schema: GraphQLSchema, rules: AccessRules, source: DocumentNode, operationName: string | null | undefined, principal: Principal, budget: number): Filtered {
  const { operation, denials, empty } = filterOperation(schema, rules, inlineOperation(source, operationName, budget), principal);
  if (denials.length === 0 || empty) return { denials, empty, document: null, queryHash: null };
  const document: DocumentNode = { kind: Kind.DOCUMENT, definitions: [operation] };
  return { denials, empty, document, queryHash: createHash('sha256').update(print(document)).digest('hex') };
}

function inlined(...args: Parameters<typeof filter>): Filtered {
  try {
    return filter(...args);
  } catch (error) {
    if (!(error instanceof LimitExceeded)) throw error;
    const [, , , , principal, budget] = args;
    throw requestError('OPERATION_LIMIT_EXCEEDED', violationMessage({ limit: 'maxSelections', max: budget, found: null }, principal.channel));
  }
}

export function useAuthorization(options: AuthorizationOptions, limits: LimitsByChannel): ApolloServerPlugin<GatewayContext> {
  let rules: AccessRules = { types: new Map(), fields: new Map() };
  const cache = new Map<string, Filtered>();
  const remember = (key: string, value: Filtered): Filtered => {
    if (cache.size >= AUTHORIZATION_CACHE_ENTRIES) cache.delete(cache.keys().next().value as string);
    cache.set(key, value);
    return value;
  };
  return {
    async serverWillStart() {
      return {
        // Rules follow the supergraph: a new schema brings its new rules with it.
        schemaDidLoadOrUpdate({ coreSupergraphSdl }) {
          if (coreSupergraphSdl) rules = readRules(parse(coreSupergraphSdl));
          cache.clear();
        },
      };
    },
    async requestDidStart() {
      let denials: Denial[] = [];
      let empty = false;
      return {
        async didResolveOperation(context) {
          const { principal } = context.contextValue;
          const key = [context.queryHash, context.operationName ?? '', principal.role, principal.channel, principal.scopes.join(' ')].join('\u0000');
          const filtered = cache.get(key) ?? remember(key, inlined(context.schema, rules, context.document, context.operationName, principal, limits[principal.channel].maxSelections));
          if (filtered.denials.length === 0) return;
          if (options.rejectOnChannels.includes(principal.channel)) {
            const unauthenticated = filtered.denials.some((d) => d.code === 'UNAUTHENTICATED');
            throw unauthenticated
              ? requestError('UNAUTHENTICATED', 'Sign in to run this operation.')
              : requestError('FORBIDDEN', 'This operation asks for data you may not see.');
          }
          denials = filtered.denials;
          empty = filtered.empty;
          // The gateway caches query plans by queryHash: the filtered operation must not reuse the original's plan.
          if (filtered.document) Object.assign(context, { document: filtered.document, queryHash: filtered.queryHash });
        },
        // Nothing left to fetch: answer without planning.
        async responseForOperation() {
          if (!empty) return null;
          const { data, errors } = applyDenials({}, denials);
          return { http: { status: undefined, headers: new HeaderMap() }, body: { kind: 'single', singleResult: { data, ...(errors.length > 0 ? { errors } : {}) } } };
        },
        async willSendResponse({ response }) {
          if (denials.length === 0 || empty || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          const { data, errors } = applyDenials((result.data as Record<string, unknown> | null | undefined) ?? null, denials);
          result.data = data;
          if (errors.length > 0) result.errors = [...(result.errors ?? []), ...errors];
        },
      };
    },
  };
}
