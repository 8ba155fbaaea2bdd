/**
 * Relay-style connections over legacy paging. Cursors are opaque to clients (base64url of an offset);
 * each data source turns (offset, first) into its system's paging (page numbers, offset/limit...).
 */
import { codedError } from '../../../contracts/error-codes.ts';

export interface PageArgs { first?: number | null; after?: string | null }
export interface Page { offset: number; first: number }
export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

export const PAGE_DEFAULTS = Object.freeze({ first: 10, maxFirst: 100 });

export const encodeCursor = (offset: number): string => Buffer.from(`o:${offset}`).toString('base64url');

export function decodeCursor(cursor: string): number {
  const match = /^o:(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw codedError('BAD_USER_INPUT', 'Invalid cursor.', { argument: 'after' });
  return Number(match[1]);
}

/** Validates `first`/`after` against the named limits. */
export function toPage(args: PageArgs, limits: { first: number; maxFirst: number } = PAGE_DEFAULTS): Page {
  const first = args.first ?? limits.first;
  if (!Number.isInteger(first) || first < 0 || first > limits.maxFirst) {
    throw codedError('BAD_USER_INPUT', `"first" must be between 0 and ${limits.maxFirst}.`, { argument: 'first' });
  }
  return { first, offset: args.after ? decodeCursor(args.after) + 1 : 0 };
}

/** Builds a connection from one page of items starting at page.offset, out of totalCount. */
export function toConnection<T>(items: readonly T[], page: Page, totalCount: number): Connection<T> {
  const nodes = items.slice(0, page.first);
  const edges = nodes.map((node, i) => ({ cursor: encodeCursor(page.offset + i), node }));
  return {
    edges,
    nodes,
    pageInfo: { hasNextPage: page.offset + nodes.length < totalCount, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount,
  };
}
