/**
 * What changed between two versions of one subgraph's schema, for `GET /diff` and `schema diff`: the
 * coordinates added, removed and changed (the same diff a publish records, checks/diff.ts), and
 * graphql-js' breaking and dangerous changes of the subgraph's own schema. Subgraph SDL carries
 * federation directives graphql-js does not define, so those schemas are built without SDL validation
 * (every stored version was valid when published).
 */
import { buildASTSchema, findBreakingChanges, findDangerousChanges, parse, type GraphQLSchema } from 'graphql';
import { diffSubgraphSchemas } from '../checks/diff.ts';
import type { DiffSummary, SchemaChange } from '../types.ts';

const buildLenientSchema = (sdl: string): GraphQLSchema => buildASTSchema(parse(sdl), { assumeValidSDL: true });

export function diffSchemas(fromSdl: string, toSdl: string): { diff: DiffSummary; breaking: SchemaChange[]; dangerous: SchemaChange[] } {
  const [from, to] = [buildLenientSchema(fromSdl), buildLenientSchema(toSdl)];
  const changes = (list: { type: string; description: string }[]): SchemaChange[] => list.map(({ type, description }) => ({ type, description }));
  return {
    diff: diffSubgraphSchemas(fromSdl, toSdl),
    breaking: changes(findBreakingChanges(from, to)),
    dangerous: changes(findDangerousChanges(from, to)),
  };
}
