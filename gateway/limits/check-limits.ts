/**
 * Checks one operation against one channel's limits: tokens, depth, aliases and directives with
 * graphql-armor's rules; root fields and the list-size-aware cost by hand (armor has no root-field
 * rule and its cost ignores variables and default list sizes). Returns the first limit exceeded.
 */
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { MaxTokensParserWLexer } from '@escape.tech/graphql-armor-max-tokens';
import { validate, type DocumentNode, type GraphQLError, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import type { LimitName, OperationLimits } from './limits-config.ts';
import { operationCost } from './list-cost.ts';
import { rootFieldCount } from './root-fields.ts';

export interface LimitViolation {
  limit: LimitName;
  max: number;
  /** What the operation has, when known (the token count stops at the limit). */
  found: number | null;
}

export interface OperationUnderCheck {
  schema: GraphQLSchema;
  document: DocumentNode;
  /** The document's text; without it (a document given pre-parsed) tokens are not counted. */
  source: string | undefined;
  operation: OperationDefinitionNode;
  variables: Record<string, unknown>;
}

/** Armor reports "... limit of N exceeded, found M."; only M is taken from it. */
const foundIn = (error: GraphQLError): number | null => {
  const match = /found (\d+)/.exec(error.message);
  return match ? Number(match[1]) : null;
};

function tokenViolation(source: string, limits: OperationLimits): LimitViolation | null {
  try {
    // The parser stops at the first token over the limit, so an oversized document costs no more than that.
    new MaxTokensParserWLexer(source, { n: limits.maxTokens }).parseDocument();
    return null;
  } catch (error) {
    // Apollo already parsed this source successfully, so any other failure is not this check's to report.
    return /Token limit/.test((error as Error).message) ? { limit: 'maxTokens', max: limits.maxTokens, found: null } : null;
  }
}

/** Limits that depend on the document alone: the result can be cached per document and channel. */
export function documentViolation(op: OperationUnderCheck, limits: OperationLimits): LimitViolation | null {
  if (op.source !== undefined) {
    const tokens = tokenViolation(op.source, limits);
    if (tokens) return tokens;
  }
  const found: LimitViolation[] = [];
  const reject = (limit: LimitName) => ({
    propagateOnRejection: false,
    onReject: [(_: unknown, error: GraphQLError) => { found.push({ limit, max: limits[limit], found: foundIn(error) }); }],
  });
  validate(op.schema, op.document, [
    // Fragments add no level: depth is the nesting of the response, however the document is written.
    maxDepthRule({ n: limits.maxDepth, flattenFragments: true, ...reject('maxDepth') }),
    maxAliasesRule({ n: limits.maxAliases, ...reject('maxAliases') }),
    maxDirectivesRule({ n: limits.maxDirectives, ...reject('maxDirectives') }),
  ]);
  if (found[0]) return found[0];
  const rootFields = rootFieldCount(op.document, op.operation);
  return rootFields > limits.maxRootFields ? { limit: 'maxRootFields', max: limits.maxRootFields, found: rootFields } : null;
}

/** The cost depends on the variables (`first: $n`): checked on every request. */
export function costViolation(op: OperationUnderCheck, limits: OperationLimits): LimitViolation | null {
  const cost = operationCost(op.schema, op.document, op.operation, op.variables, limits.defaultListSize);
  return cost > limits.maxCost ? { limit: 'maxCost', max: limits.maxCost, found: Math.min(Math.ceil(cost), Number.MAX_SAFE_INTEGER) } : null;
}

const LABELS: Record<LimitName, string> = {
  maxDepth: 'depth', maxAliases: 'alias', maxRootFields: 'root-field', maxTokens: 'token',
  maxDirectives: 'directive', maxCost: 'cost', defaultListSize: 'list-size',
};

/** Names the limit and its value, never anything about the schema or the server. */
export function violationMessage(violation: LimitViolation, channel: string): string {
  const found = violation.found === null ? '' : ` (found ${violation.found})`;
  return `The operation exceeds the ${LABELS[violation.limit]} limit of ${violation.max} (${violation.limit}) for the ${channel} channel${found}.`;
}
