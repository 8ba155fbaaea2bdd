/**
 * The registry's checks on a candidate subgraph schema, before it may be published:
 *
 * 1. composition with the current versions of the other subgraphs: any error blocks;
 * 2. breaking and dangerous changes of the API schema clients see (graphql-js);
 * 3. every registered client operation against the would-be API schema: an operation the candidate
 *    breaks blocks, named by client, version, channel and operation (client-operations.ts);
 * 4. design warnings, which never block (design-warnings.ts);
 * 5. the diff of the subgraph's own schema, for the publish record;
 * 6. removals that block on their own (removal-guard.ts): a root field, a type or a subgraph's whole
 *    contribution, against the supergraph gateways serve;
 * 7. changes to what other teams own (cross-team.ts), which the publish needs their approval for.
 *
 * Like Apollo GraphOS, which blocks a breaking change only when operations seen in traffic use it, a
 * breaking change blocks here only through the registered operations it breaks: the registered manifests
 * are the operations in use (mobile and partner run nothing else in production). A breaking change no
 * registered operation uses is reported in `breaking` and does not block, unless the registry is
 * configured with `strictBreakingChanges` (for graphs with unregistered consumers).
 */
import { parse, type DocumentNode } from 'graphql';
import { readOwnership } from '../docs/ownership.ts';
import type { CheckInput, CheckReport, CheckResult } from '../types.ts';
import { schemaChanges } from './breaking-changes.ts';
import { checkClientOperations } from './client-operations.ts';
import { apiSchemaOf, composeCandidate } from './compose-candidate.ts';
import { crossTeamChanges } from './cross-team.ts';
import { designWarnings } from './design-warnings.ts';
import { diffSubgraphSchemas } from './diff.ts';
import { guardedRemovals } from './removal-guard.ts';

export interface CheckOptions {
  /** Block on every breaking change, used by a registered operation or not. Default false. */
  strictBreakingChanges?: boolean;
}

const parsedOrNull = (sdl: string): DocumentNode | null => {
  try { return parse(sdl); } catch { return null; }
};

export function runChecks(input: CheckInput, options: CheckOptions = {}): CheckResult {
  const composition = composeCandidate(input);
  const currentSdl = input.current.find((s) => s.name === input.candidate.name)?.sdl ?? null;
  const diff = diffSubgraphSchemas(currentSdl, input.candidate.sdl);
  const candidate = parsedOrNull(input.candidate.sdl);
  const compositionReport = { errors: composition.errors, hints: composition.hints };

  if (!composition.supergraphSdl) {
    const report: CheckReport = {
      ok: false, composition: compositionReport, breaking: [], dangerous: [], brokenOperations: [],
      warnings: designWarnings({ candidate, api: null, hints: composition.hints }),
    };
    return { report, supergraphSdl: null, diff };
  }

  const after = apiSchemaOf(composition.supergraphSdl);
  const before = input.currentSupergraphSdl ? apiSchemaOf(input.currentSupergraphSdl) : null;
  const changes = before ? schemaChanges(before, after) : { breaking: [], dangerous: [] };
  const operations = checkClientOperations(input.operations, before, after, changes.breaking);
  const strictBlock = (options.strictBreakingChanges ?? false) && changes.breaking.length > 0;
  // What gateways serve: the store's supergraph, or, when the store has none, the one they were last given.
  const servedSdl = input.currentSupergraphSdl ?? input.servedSupergraphSdl ?? null;
  const servedApi = servedSdl === input.currentSupergraphSdl ? before : servedSdl ? apiSchemaOf(servedSdl) : null;
  const guarded = servedSdl && servedApi
    ? guardedRemovals({ subgraph: input.candidate.name, servedSdl, servedApi, afterSdl: composition.supergraphSdl, after }) : [];
  const ownership = servedSdl ? readOwnership(parse(servedSdl, { noLocation: true })) : null;
  const report: CheckReport = {
    ok: operations.broken.length === 0 && !strictBlock && guarded.length === 0,
    composition: compositionReport,
    breaking: changes.breaking,
    dangerous: changes.dangerous,
    brokenOperations: operations.broken,
    warnings: [...designWarnings({ candidate, api: after, hints: composition.hints }), ...operations.notServable],
    guardedRemovals: guarded,
    crossTeam: crossTeamChanges(input.candidate.name, candidate, currentSdl, diff, ownership),
  };
  return { report, supergraphSdl: composition.supergraphSdl, diff };
}
