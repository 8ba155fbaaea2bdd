import { describe, expect, it } from 'vitest';
import { candidateInput, realGraph, replacing } from './real-graph.ts';
import { runChecks } from './run-checks.ts';

const graph = realGraph();
const CATEGORIES = /\n  """\n  Every category of the catalogue[\s\S]*?\n  categories[^\n]*\n/;
const withoutCategories = (sdl: string) => {
  const edited = sdl.replace(CATEGORIES, '\n');
  if (edited === sdl) throw new Error('Query.categories not found in the catalog schema');
  return edited;
};
const TINY_INVENTORY = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@shareable"])\ntype Query {\n  "A test field."\n  inventoryPing: String\n}\n';

describe('removals that block whether or not an operation uses them', () => {
  it('blocks removing a root field', () => {
    const { report } = runChecks(candidateInput(graph, 'catalog', withoutCategories));
    expect(report.guardedRemovals).toContainEqual({ type: 'ROOT_FIELD_REMOVED', description: 'Query.categories, which catalog resolves in the served supergraph, was removed.' });
    expect(report.ok).toBe(false);
  });

  it('blocks removing a whole subgraph\'s contribution: its root fields, its types, everything it resolves', () => {
    const { report } = runChecks(candidateInput(graph, 'inventory', () => TINY_INVENTORY));
    const types = report.guardedRemovals!.map((c) => c.type);
    expect(types).toContain('ROOT_FIELD_REMOVED');
    expect(report.guardedRemovals).toContainEqual({ type: 'TYPE_REMOVED', description: 'Warehouse, which inventory defines in the served supergraph, was removed.' });
    expect(types).toContain('SUBGRAPH_CONTRIBUTION_REMOVED');
    expect(report.ok).toBe(false);
  });

  it('compares with the served supergraph when the store holds no version of the subgraph (an emptied store)', () => {
    const catalog = graph.current.find((s) => s.name === 'catalog')!;
    const empty = { current: [], currentSupergraphSdl: null, servedSupergraphSdl: graph.currentSupergraphSdl, operations: graph.operations };
    const removed = runChecks({ ...empty, candidate: { ...catalog, sdl: withoutCategories(catalog.sdl) } });
    expect(removed.report.guardedRemovals).toContainEqual(expect.objectContaining({ type: 'ROOT_FIELD_REMOVED', description: expect.stringMatching(/^Query\.categories/) }));
    expect(removed.report.ok).toBe(false);
    // Re-publishing what is served, subgraph by subgraph (a seed), removes nothing of its own: others are not blamed on it.
    const same = runChecks({ ...empty, candidate: catalog });
    expect(same.report.guardedRemovals).toEqual([]);
    expect(same.report.ok).toBe(true);
  });

  it('lets additive changes and non-root field renames through as before', () => {
    const { report } = runChecks(candidateInput(graph, 'catalog', replacing('  offerings(\n', '  shelfOfferings(\n')));
    expect(report.guardedRemovals).toEqual([]);
    expect(report.ok).toBe(true);
  });
});
