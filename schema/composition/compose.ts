/** Composes subgraph schemas into a supergraph with @apollo/composition, keeping errors and hints readable. */
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import type { SubgraphSource } from './supergraph-config.ts';

export interface CompositionResult {
  supergraphSdl: string | null;
  errors: string[];
  hints: string[];
}

export function composeSubgraphs(subgraphs: readonly Pick<SubgraphSource, 'name' | 'url' | 'sdl'>[]): CompositionResult {
  const parseErrors: string[] = [];
  const services = subgraphs.flatMap((s) => {
    try {
      return [{ name: s.name, url: s.url, typeDefs: parse(s.sdl) }];
    } catch (error) {
      parseErrors.push(`[${s.name}] ${(error as Error).message}`);
      return [];
    }
  });
  if (parseErrors.length > 0) return { supergraphSdl: null, errors: parseErrors, hints: [] };
  const result = composeServices(services);
  const hints = (result.hints ?? []).map((h) => `[${h.definition.code}] ${h.message}`);
  if (result.errors) {
    return { supergraphSdl: null, errors: result.errors.map((e) => `[${String(e.extensions['code'] ?? 'COMPOSITION')}] ${e.message}`), hints };
  }
  return { supergraphSdl: result.supergraphSdl, errors: [], hints };
}
