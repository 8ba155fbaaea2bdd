/**
 * Test support: the repository's real graph as the registry would hold it (the five subgraph schemas of
 * schema/supergraph.yaml, the committed supergraph, the registered clients' manifests), and a way to
 * edit one subgraph's schema that fails loudly when the edit does not apply (so a test cannot pass on an
 * unchanged schema).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readSupergraphConfig } from '../../schema/composition/supergraph-config.ts';
import type { CheckInput } from '../types.ts';
import { loadRegisteredOperations } from './registered-operations.ts';

const SCHEMA_DIR = new URL('../../schema/', import.meta.url);

export function realGraph(): Omit<CheckInput, 'candidate'> {
  const current = readSupergraphConfig(fileURLToPath(new URL('supergraph.yaml', SCHEMA_DIR))).map(({ name, url, sdl }) => ({ name, url, sdl }));
  return {
    current,
    currentSupergraphSdl: readFileSync(new URL('supergraph.graphql', SCHEMA_DIR), 'utf8'),
    operations: loadRegisteredOperations(),
  };
}

/** The input of a check publishing `subgraph` with `edit` applied to its current schema. */
export function candidateInput(graph: Omit<CheckInput, 'candidate'>, subgraph: string, edit: (sdl: string) => string): CheckInput {
  const current = graph.current.find((s) => s.name === subgraph);
  if (!current) throw new Error(`no subgraph ${subgraph}`);
  return { ...graph, candidate: { ...current, sdl: edit(current.sdl) } };
}

/** Replaces `from` by `to`, exactly once. */
export const replacing = (from: string, to: string) => (sdl: string): string => {
  if (sdl.split(from).length !== 2) throw new Error(`expected exactly one occurrence of ${JSON.stringify(from)}`);
  return sdl.replace(from, to);
};
