/**
 * What every analysis pass over a document shares, so that none of them costs more than the document's
 * size. Why: a small document can spread fragments that spread fragments (`fragment F0 { ...F1 ...F1 }`,
 * 24 levels in under 1 KB), and expanding every spread in full is 2^24 visits. Here each fragment is
 * analysed once per variant (its result memoised and reused wherever it is spread), a spread met while its
 * own fragment is being analysed (a cycle: validation refuses them, but nothing here relies on it) counts
 * as nothing, and a pass throws `LimitExceeded` as soon as a value it computes crosses its limit.
 *
 * `VISITS` counts the nodes each pass looks at: the property tests read it to prove the bound.
 */
import { Kind, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';

export type PassName =
  | 'scan' | 'depth' | 'aliases' | 'directives' | 'rootFields' | 'selections' | 'cost' | 'inline' | 'filter';

/** Nodes (tokens for `scan`) visited by each pass since the process started; tests read differences. */
export const VISITS: Record<PassName, number> = {
  scan: 0, depth: 0, aliases: 0, directives: 0, rootFields: 0, selections: 0, cost: 0, inline: 0, filter: 0,
};

/** Thrown by a pass once its value is known to be over its limit; the caller turns it into a violation. */
export class LimitExceeded extends Error {
  constructor(readonly pass: PassName) {
    super(`${pass} over its limit`);
  }
}

/** Runs a pass; true when it stopped on `LimitExceeded`. */
export function overLimit(run: () => void): boolean {
  try {
    run();
    return false;
  } catch (error) {
    if (error instanceof LimitExceeded) return true;
    throw error;
  }
}

/** Throws unless `value <= limit` (NaN, from an absurd size times zero, counts as over). */
export function within(pass: PassName, value: number, limit: number): number {
  if (!(value <= limit)) throw new LimitExceeded(pass);
  return value;
}

export type Fragments = ReadonlyMap<string, FragmentDefinitionNode>;

export function fragmentsOf(document: DocumentNode): Fragments {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION && !fragments.has(d.name.value)) fragments.set(d.name.value, d);
  return fragments;
}

export function operationsOf(document: DocumentNode): OperationDefinitionNode[] {
  return document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
}

const PENDING = Symbol('pending');

/**
 * `memo(name, variant)` runs `compute` once per fragment and variant (e.g. a list size passed down) and
 * returns the same result afterwards; an unknown fragment gives `missing`, a cycle gives `onCycle`.
 */
export function fragmentMemo<T>(
  fragments: Fragments,
  compute: (fragment: FragmentDefinitionNode, variant: string) => T,
  onCycle: T,
  missing: T = onCycle,
): (name: string, variant?: string) => T {
  const results = new Map<string, T | typeof PENDING>();
  return (name, variant = '') => {
    const key = `${name}\u0000${variant}`;
    const known = results.get(key);
    if (known === PENDING) return onCycle;
    if (known !== undefined) return known;
    const fragment = fragments.get(name);
    if (!fragment) return missing;
    results.set(key, PENDING);
    const value = compute(fragment, variant);
    results.set(key, value);
    return value;
  };
}
