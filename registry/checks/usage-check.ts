/**
 * Checks a schema change against what clients really ran (the gateway's usage KPIs, contracts/usage/):
 * a field the candidate supergraph no longer serves blocks when a client read it within the window (named:
 * client, version, operation, requests, last seen); one nobody read passes. Deprecated fields still read are
 * warnings on every check. Runs in the registry's thread (it reads a database), after the worker's checks.
 */
import { buildSchema, isInterfaceType, isObjectType, type GraphQLSchema } from 'graphql';
import { printSupergraphApiSchema } from '../../schema/composition/api-schema.ts';
import type { FieldUsage, UsageStore } from '../../contracts/usage/usage-report.ts';
import type { CheckResult } from '../types.ts';
import { describeUsage } from './describe-usage.ts';

export const USAGE_CHECK_DEFAULT_DAYS = 30;

export interface UsageCheckOptions {
  store: UsageStore;
  /** How far back usage counts (default 30 days). */
  windowDays?: number;
  /** Injectable clock (tests). */
  now?: () => number;
}

export interface UsageCheckReport {
  windowDays: number;
  /** Fields the candidate removes that clients read within the window: these block. */
  removedInUse: FieldUsage[];
  /** Deprecated fields of the candidate that clients still read (warnings). */
  deprecatedInUse: FieldUsage[];
}

const apiSchema = (supergraphSdl: string): GraphQLSchema | null => {
  try { return buildSchema(printSupergraphApiSchema(supergraphSdl)); } catch { return null; }
};

function fieldsOf(schema: GraphQLSchema): Map<string, { deprecated: boolean }> {
  const fields = new Map<string, { deprecated: boolean }>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || !(isObjectType(type) || isInterfaceType(type))) continue;
    for (const field of Object.values(type.getFields())) fields.set(`${type.name}.${field.name}`, { deprecated: field.deprecationReason != null });
  }
  return fields;
}

/** Null when there is nothing to compare (no current supergraph, or a candidate that does not compose). */
export async function checkAgainstUsage(currentSupergraphSdl: string | null, candidateSupergraphSdl: string | null, options: UsageCheckOptions): Promise<UsageCheckReport | null> {
  if (!candidateSupergraphSdl) return null;
  const candidate = apiSchema(candidateSupergraphSdl);
  if (!candidate) return null;
  const windowDays = options.windowDays ?? USAGE_CHECK_DEFAULT_DAYS;
  const since = (options.now ?? Date.now)() - windowDays * 86_400_000;
  const after = fieldsOf(candidate);
  const before = currentSupergraphSdl ? apiSchema(currentSupergraphSdl) : null;
  const removed = before ? [...fieldsOf(before).keys()].filter((c) => !after.has(c)) : [];
  const deprecated = [...after].filter(([, f]) => f.deprecated).map(([c]) => c);
  const [removedInUse, deprecatedInUse] = await Promise.all([
    options.store.fieldUsage(removed, { since }), options.store.fieldUsage(deprecated, { since }),
  ]);
  return { windowDays, removedInUse, deprecatedInUse };
}

/** The worker's result with the usage findings: removals in use block, deprecated fields in use warn, an unreachable store warns. */
export async function withUsageCheck(result: CheckResult, currentSupergraphSdl: string | null, options: UsageCheckOptions): Promise<CheckResult> {
  let usage: UsageCheckReport | null;
  try {
    usage = await checkAgainstUsage(currentSupergraphSdl, result.supergraphSdl, options);
  } catch (error) {
    const message = `usage could not be read (${(error as Error).message}): removals were not checked against real traffic`;
    return { ...result, report: { ...result.report, warnings: [...result.report.warnings, { rule: 'usage-unavailable', coordinate: '', message }] } };
  }
  if (!usage) return result;
  const report = result.report;
  return {
    ...result,
    report: {
      ...report,
      ok: report.ok && usage.removedInUse.length === 0,
      usage,
      warnings: [...report.warnings, ...usage.deprecatedInUse.map((u) => ({ rule: 'deprecated-in-use', coordinate: u.coordinate, message: `deprecated but still used: ${describeUsage(u)}` }))],
    },
  };
}
