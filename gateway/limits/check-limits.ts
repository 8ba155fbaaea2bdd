/**
 * Checks one operation against one channel's limits and returns the first limit exceeded. Every pass is
 * bounded by the document's size whatever its fragments do, and stops at its limit (bounded-walk.ts):
 * tokens and nesting on the text (source-scan.ts, also run before parsing by parse-limits-plugin.ts),
 * then depth, aliases, directives, root fields and expanded selections on the document, then the
 * list-size-aware cost, which depends on the variables. One file per rule, each with its own test.
 */
import type { DocumentNode, GraphQLSchema, OperationDefinitionNode } from 'graphql';
import { exceedsAliases } from './aliases.ts';
import { exceedsDepth } from './depth.ts';
import { exceedsDirectives } from './directives.ts';
import type { LimitName, OperationLimits } from './limits-config.ts';
import { operationCost } from './list-cost.ts';
import { exceedsRootFields } from './root-fields.ts';
import { exceedsSelections } from './selections.ts';
import { scanSource } from './source-scan.ts';

export interface LimitViolation {
  limit: LimitName;
  max: number;
  /** What the operation has, when known: the passes stop at their limit, so mostly not. */
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

const over = (limit: LimitName, limits: OperationLimits): LimitViolation => ({ limit, max: limits[limit], found: null });

/** Limits that depend on the document alone: the result can be cached per document and channel. */
export function documentViolation(op: OperationUnderCheck, limits: OperationLimits): LimitViolation | null {
  const text = op.source === undefined ? null : scanSource(op.source, limits);
  if (text) return over(text.limit, limits);
  if (exceedsDepth(op.document, limits.maxDepth)) return over('maxDepth', limits);
  if (exceedsAliases(op.document, limits.maxAliases)) return over('maxAliases', limits);
  if (exceedsDirectives(op.document, limits.maxDirectives)) return over('maxDirectives', limits);
  if (exceedsRootFields(op.document, op.operation, limits.maxRootFields)) return over('maxRootFields', limits);
  if (exceedsSelections(op.document, limits.maxSelections)) return over('maxSelections', limits);
  return null;
}

/** The cost depends on the variables (`first: $n`): checked on every request. */
export function costViolation(op: OperationUnderCheck, limits: OperationLimits): LimitViolation | null {
  const cost = operationCost(op.schema, op.document, op.operation, op.variables, limits.defaultListSize, limits.maxCost);
  if (cost <= limits.maxCost) return null;
  // Infinity: the walk stopped as soon as the cost was known to be over the limit.
  return { limit: 'maxCost', max: limits.maxCost, found: Number.isFinite(cost) ? Math.min(Math.ceil(cost), Number.MAX_SAFE_INTEGER) : null };
}

const LABELS: Record<LimitName, string> = {
  maxDepth: 'depth', maxAliases: 'alias', maxRootFields: 'root-field', maxTokens: 'token',
  maxDirectives: 'directive', maxCost: 'cost', defaultListSize: 'list-size', maxNesting: 'nesting',
  maxSelections: 'expanded-selection',
};

/** Names the limit and its value, never anything about the schema or the server. */
export function violationMessage(violation: LimitViolation, channel: string): string {
  const found = violation.found === null ? '' : ` (found ${violation.found})`;
  return `The operation exceeds the ${LABELS[violation.limit]} limit of ${violation.max} (${violation.limit}) for the ${channel} channel${found}.`;
}
