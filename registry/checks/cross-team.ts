/**
 * Changes a publish makes to what other teams own, which need their consent (service/approvals.ts):
 * an `@override(from: "X")` that takes subgraph X's field (new in this candidate), and any added, removed
 * or changed coordinate of an entity another subgraph owns (docs/ownership.ts: the subgraph resolving
 * most of its fields in the served supergraph). Root types are everyone's, and value types without a key
 * (@shareable PageInfo, enums, scalars) no one's: adding a query field or sharing PageInfo needs nobody.
 */
import { Kind, parse, type DocumentNode } from 'graphql';
import type { Ownership } from '../docs/ownership.ts';
import type { CrossTeamChange, DiffSummary } from '../types.ts';

const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);
const OVERRIDE = new Set(['override', 'federation__override']);

/** "Type.field" -> the subgraph named by its @override(from:), for every overriding field of a document. */
export function overridesOf(document: DocumentNode): Map<string, string> {
  const found = new Map<string, string>();
  for (const def of document.definitions) {
    if (!('fields' in def) || !('name' in def) || !def.name) continue;
    for (const field of def.fields ?? []) {
      if (field.kind !== Kind.FIELD_DEFINITION) continue;
      for (const directive of field.directives ?? []) {
        const from = directive.arguments?.find((a) => a.name.value === 'from')?.value;
        if (OVERRIDE.has(directive.name.value) && from?.kind === Kind.STRING) found.set(`${def.name.value}.${field.name.value}`, from.value);
      }
    }
  }
  return found;
}

const parsedOrNull = (sdl: string | null): DocumentNode | null => {
  if (sdl === null) return null;
  try { return parse(sdl, { noLocation: true }); } catch { return null; }
};

export function crossTeamChanges(
  subgraph: string, candidate: DocumentNode | null, currentSdl: string | null, diff: DiffSummary, served: Ownership | null,
): CrossTeamChange[] {
  const changes = new Map<string, CrossTeamChange>();
  const before = overridesOf(parsedOrNull(currentSdl) ?? { kind: Kind.DOCUMENT, definitions: [] });
  for (const [coordinate, from] of candidate ? overridesOf(candidate) : []) {
    if (from !== subgraph && before.get(coordinate) !== from) changes.set(`${from} ${coordinate}`, { owner: from, coordinate, reason: 'override' });
  }
  for (const coordinate of [...diff.added, ...diff.removed, ...diff.changed]) {
    if (coordinate.startsWith('@')) continue;
    const type = coordinate.split(/[.(]/)[0]!;
    const owned = ROOT_TYPES.has(type) ? undefined : served?.types.get(type);
    const owner = owned && owned.keys.length > 0 ? owned.owner : null;
    if (owner && owner !== subgraph && !changes.has(`${owner} ${coordinate}`)) changes.set(`${owner} ${coordinate}`, { owner, coordinate, reason: 'owned-type' });
  }
  return [...changes.values()];
}

/** For messages: "party: Partner.name (@override), Partner.email". */
export const describeCrossTeam = (changes: readonly CrossTeamChange[]): string =>
  [...new Set(changes.map((c) => c.owner))].map((owner) =>
    `${owner}: ${changes.filter((c) => c.owner === owner).map((c) => `${c.coordinate}${c.reason === 'override' ? ` (@override from ${owner})` : ''}`).join(', ')}`).join('; ');

