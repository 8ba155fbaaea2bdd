/**
 * What a publish changes in the subgraph's own schema, by schema coordinate ("Type", "Type.field",
 * "Type.field(arg:)", "Enum.VALUE", "@directive"), for the publish record: added, removed, and changed
 * (same coordinate, different type, default, description or directives).
 */
import { parse, type DocumentNode } from 'graphql';
import type { DiffSummary } from '../types.ts';
import { subgraphCoordinates } from './subgraph-coordinates.ts';

const coordinatesOf = (sdl: string | null): Map<string, string> | null => {
  if (sdl === null) return new Map();
  let document: DocumentNode;
  try { document = parse(sdl); } catch { return null; }
  return subgraphCoordinates(document);
};

/** `currentSdl` is null for a subgraph's first version. An unparsable schema has no diff (composition reports it). */
export function diffSubgraphSchemas(currentSdl: string | null, candidateSdl: string): DiffSummary {
  const before = coordinatesOf(currentSdl);
  const after = coordinatesOf(candidateSdl);
  if (!before || !after) return { added: [], removed: [], changed: [] };
  const sorted = (list: string[]) => list.sort();
  return {
    added: sorted([...after.keys()].filter((c) => !before.has(c))),
    removed: sorted([...before.keys()].filter((c) => !after.has(c))),
    changed: sorted([...after].filter(([c, signature]) => before.has(c) && before.get(c) !== signature).map(([c]) => c)),
  };
}
