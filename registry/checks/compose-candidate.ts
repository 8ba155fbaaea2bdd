/**
 * Composes a candidate subgraph schema with the current versions of the other subgraphs: what the
 * supergraph would be if the candidate were published. The candidate replaces its current version in
 * place (so the composition order, and thus the printed supergraph, does not move) or joins at the end.
 */
import { buildSchema, type GraphQLSchema } from 'graphql';
import { printSupergraphApiSchema } from '../../schema/composition/api-schema.ts';
import { composeSubgraphs, type CompositionResult } from '../../schema/composition/compose.ts';
import type { CheckInput } from '../types.ts';

export type SubgraphSdl = CheckInput['candidate'];

export function withCandidate(current: readonly SubgraphSdl[], candidate: SubgraphSdl): SubgraphSdl[] {
  const replaced = current.map((s) => (s.name === candidate.name ? candidate : s));
  return current.some((s) => s.name === candidate.name) ? replaced : [...replaced, candidate];
}

export function composeCandidate(input: Pick<CheckInput, 'current' | 'candidate'>): CompositionResult {
  return composeSubgraphs(withCandidate(input.current, input.candidate));
}

/** The schema clients see (no join__ machinery, no @inaccessible elements), ready for graphql-js. */
export function apiSchemaOf(supergraphSdl: string): GraphQLSchema {
  return buildSchema(printSupergraphApiSchema(supergraphSdl));
}
