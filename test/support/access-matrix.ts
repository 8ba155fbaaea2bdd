/**
 * For the subgraphs' access-matrix tests: every (caller, channel) pair and what it gets from one field,
 * written as one character per channel (mobile, web, partner, agent) so that a whole row of the domain's
 * "who may see what" table reads at a glance:
 *   '+' data, '0' null without error, 'U' UNAUTHENTICATED, 'F' FORBIDDEN, 'N' NOT_FOUND (the field null in
 *   these three cases; an object the caller may not see answers 'N' or '0', exactly as a missing one).
 * Anything else (another code, an error outside the field, a refusal that still carries data) shows as
 * itself, so the comparison fails and says why. Shared by the five subgraphs' access-matrix tests.
 */
import type { Principal, Role } from '../../contracts/principal.ts';
import { CHANNELS } from '../../contracts/principal.ts';
import type { GraphQLResult } from './subgraph-client.ts';

/** A caller of the matrix: a role, and whose identity it carries (null for anonymous). */
export interface Caller { role: Role; subject: string | null }

const SYMBOLS: Readonly<Record<string, string>> = { UNAUTHENTICATED: 'U', FORBIDDEN: 'F', NOT_FOUND: 'N' };

/** What one response says about the field at `path` (response keys, list indices included). */
export function outcomeAt(result: GraphQLResult<unknown>, path: readonly (string | number)[]): string {
  const value = path.reduce<unknown>((node, key) => (node == null ? node : (node as Record<string | number, unknown>)[key]), result.data);
  const errors = result.errors ?? [];
  if (errors.length === 0) return value == null ? '0' : '+';
  // An error concerns the field when it is on the way to it (a refused parent) or under it.
  const concerns = (at: readonly (string | number)[]) => at.every((key, i) => i >= path.length || path[i] === key);
  const stray = errors.find((e) => !concerns(e.path ?? []));
  if (stray) return `[error at ${(stray.path ?? []).join('.')}]`;
  const codes = [...new Set(errors.map((e) => String(e.extensions?.['code'])))];
  if (value != null) return `[data with ${codes.join('|')}]`;
  return codes.length === 1 ? (SYMBOLS[codes[0]!] ?? `[${codes[0]}]`) : `[${codes.join('|')}]`;
}

/**
 * The row of each caller: `ask(principal)` for every channel, in CHANNELS order, in parallel.
 * Callers are labelled by the caller's key in `callers`.
 */
export async function accessMatrix(
  callers: Readonly<Record<string, Caller>>,
  ask: (principal: Principal) => Promise<string>,
): Promise<Record<string, string>> {
  const rows = await Promise.all(Object.entries(callers).map(async ([label, caller]) => {
    const cells = await Promise.all(CHANNELS.map((channel) => ask({ ...caller, scopes: [], channel, client: null })));
    return [label, cells.join('')] as const;
  }));
  return Object.fromEntries(rows);
}
