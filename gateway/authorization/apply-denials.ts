/**
 * Puts the removed fields back into the response as the client expects them: null at each removed path
 * (or at the nearest nullable ancestor), one coded error per concrete path, without the rule's internals.
 */
import type { GraphQLFormattedError } from 'graphql';
import { TYPENAME_ALIAS, type Denial } from './filter-operation.ts';

type Json = Record<string, unknown>;
const MESSAGES = { UNAUTHENTICATED: 'Sign in to see this.', FORBIDDEN: 'You may not see this.' } as const;

export function applyDenials(data: Json | null, denials: readonly Denial[]): { data: Json | null; errors: GraphQLFormattedError[] } {
  const errors: GraphQLFormattedError[] = [];
  const nulls: { holder: Json; key: string }[] = [];
  let nullData = false;

  const visit = (denial: Denial, value: unknown, level: number, concrete: (string | number)[], trail: { holder: Json; key: string }[]): void => {
    if (Array.isArray(value)) {
      value.forEach((item, index) => visit(denial, item, level, [...concrete, index], trail));
      return;
    }
    if (value === undefined) {
      // The parent was removed too (emptied by removals): the error still names the field the caller asked for.
      if (denial.code) errors.push({ message: MESSAGES[denial.code], path: [...concrete, ...denial.path.slice(level).map((s) => s.key)], extensions: { code: denial.code } });
      return;
    }
    if (value === null || typeof value !== 'object') return;
    const object = value as Json;
    const segment = denial.path[level];
    if (!segment || (segment.onType && object[TYPENAME_ALIAS] !== segment.onType)) return;
    const here = [...trail, { holder: object, key: segment.key }];
    if (level < denial.path.length - 1) {
      visit(denial, object[segment.key], level + 1, [...concrete, segment.key], here);
      return;
    }
    if (denial.code) errors.push({ message: MESSAGES[denial.code], path: [...concrete, segment.key], extensions: { code: denial.code } });
    if (denial.nullAt === 0) nullData = true;
    else nulls.push(here[denial.nullAt - 1] as { holder: Json; key: string });
  };

  const root = data ?? {};
  for (const denial of denials) visit(denial, root, 0, [], []);
  for (const { holder, key } of nulls) holder[key] = null;
  if (denials.some((d) => d.path.some((s) => s.onType))) stripTypenames(root);
  return { data: nullData ? null : root, errors };
}

function stripTypenames(value: unknown): void {
  if (Array.isArray(value)) { value.forEach(stripTypenames); return; }
  if (value === null || typeof value !== 'object') return;
  delete (value as Json)[TYPENAME_ALIAS];
  for (const child of Object.values(value as Json)) stripTypenames(child);
}
