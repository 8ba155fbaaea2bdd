/**
 * The check against real usage, on its own: which removed coordinates it asks about (supergraph API
 * schemas, not one subgraph's), deprecated fields in use as warnings, an unreadable store as a warning.
 */
import { describe, expect, it } from 'vitest';
import { composeSubgraphs } from '../../schema/composition/compose.ts';
import type { FieldUsage, UsageStore } from '../../contracts/usage/usage-report.ts';
import type { CheckResult } from '../types.ts';
import { checkAgainstUsage, withUsageCheck } from './usage-check.ts';

const supergraph = (fields: string): string => {
  const result = composeSubgraphs([{ name: 'a', url: 'http://127.0.0.1:1', sdl: `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
    type Query { thing: Thing } type Thing { id: ID! ${fields} }` }]);
  if (!result.supergraphSdl) throw new Error(result.errors.join('\n'));
  return result.supergraphSdl;
};
const NOW = Date.UTC(2026, 10, 30);
const use = (coordinate: string, lastSeen = NOW - 86_400_000): FieldUsage => ({ coordinate, client: 'passerelle-mobile', clientVersion: '1.4', operationName: 'Q', operationHash: 'h'.repeat(64), requests: 7, lastSeen });

function storeOf(rows: FieldUsage[], asked: { coordinates: string[]; since: number }[] = []): UsageStore {
  return {
    async fieldUsage(coordinates, query) {
      asked.push({ coordinates: [...coordinates], since: query.since });
      return rows.filter((r) => coordinates.includes(r.coordinate) && r.lastSeen > query.since);
    },
    record: async () => {}, operations: async () => [], applyRetention: async () => 0, close: async () => {},
  };
}
const result = (sdl: string | null): CheckResult => ({
  report: { ok: true, composition: { errors: [], hints: [] }, breaking: [], dangerous: [], brokenOperations: [], warnings: [] }, supergraphSdl: sdl, diff: { added: [], removed: [], changed: [] },
});

describe('the check against real usage', () => {
  it('asks about the fields the candidate supergraph no longer serves, over the window, and its deprecated fields', async () => {
    const asked: { coordinates: string[]; since: number }[] = [];
    const report = await checkAgainstUsage(supergraph('name: String price: Float old: String'), supergraph('name: String @deprecated(reason: "x")'),
      { store: storeOf([use('Thing.price'), use('Thing.name')], asked), windowDays: 10, now: () => NOW });
    expect(asked).toEqual([{ coordinates: ['Thing.price', 'Thing.old'], since: NOW - 10 * 86_400_000 }, { coordinates: ['Thing.name'], since: NOW - 10 * 86_400_000 }]);
    expect(report?.removedInUse.map((u) => u.coordinate)).toEqual(['Thing.price']);
    expect(report?.deprecatedInUse.map((u) => u.coordinate)).toEqual(['Thing.name']);
  });

  it('fails the check on a removal in use and warns on every check about deprecated fields in use', async () => {
    const checked = await withUsageCheck(result(supergraph('name: String @deprecated(reason: "x")')), supergraph('name: String price: Float'),
      { store: storeOf([use('Thing.price'), use('Thing.name')]), now: () => NOW });
    expect(checked.report.ok).toBe(false);
    expect(checked.report.warnings).toEqual([expect.objectContaining({ rule: 'deprecated-in-use', coordinate: 'Thing.name', message: expect.stringContaining('passerelle-mobile 1.4 ran Q') })]);
  });

  it('passes when the use is older than the window, and warns (never blocks) when the store cannot be read', async () => {
    const old = await withUsageCheck(result(supergraph('name: String')), supergraph('name: String price: Float'),
      { store: storeOf([use('Thing.price', NOW - 31 * 86_400_000)]), now: () => NOW });
    expect(old.report.ok).toBe(true);
    const broken: UsageStore = { ...storeOf([]), fieldUsage: async () => { throw new Error('connection refused'); } };
    const down = await withUsageCheck(result(supergraph('name: String')), supergraph('name: String price: Float'), { store: broken });
    expect(down.report.ok).toBe(true);
    expect(down.report.warnings[0]).toMatchObject({ rule: 'usage-unavailable' });
  });

  it('has nothing to say about a candidate that does not compose', async () => {
    expect(await checkAgainstUsage(supergraph('name: String'), null, { store: storeOf([]) })).toBeNull();
  });
});
