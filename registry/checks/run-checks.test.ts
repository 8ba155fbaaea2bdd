import { parse, validate } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiSchemaOf } from './compose-candidate.ts';
import { elementsUsed } from './operation-usage.ts';
import { candidateInput, realGraph, replacing } from './real-graph.ts';
import { runChecks } from './run-checks.ts';

const graph = realGraph();
const NAME_FIELD = '  "Commercial name shown to customers (Catalogue `label`)."\n  name: String\n';

describe('runChecks on the real graph', () => {
  it('passes the current catalog schema unchanged: same supergraph, empty diff, nothing breaking', () => {
    const { report, supergraphSdl, diff } = runChecks(candidateInput(graph, 'catalog', (sdl) => sdl));
    expect(report).toMatchObject({ ok: true, breaking: [], dangerous: [], brokenOperations: [] });
    expect(supergraphSdl).toBe(graph.currentSupergraphSdl);
    expect(diff).toEqual({ added: [], removed: [], changed: [] });
  });

  it('blocks a composition error and reports it with its code (no supergraph)', () => {
    // Money is a shared value type: one subgraph may not change a field's type alone.
    const result = runChecks(candidateInput(graph, 'catalog', replacing('  amount: Decimal!\n', '  amount: Float!\n')));
    expect(result.report.ok).toBe(false);
    expect(result.report.composition.errors.join('\n')).toMatch(/^\[[A-Z_]+\] .*Money\.amount/m);
    expect(result.supergraphSdl).toBeNull();
    expect(result.diff.changed).toEqual(['Money.amount']);
  });

  describe('removing ProductOffering.name from catalog', () => {
    let result: ReturnType<typeof runChecks>;
    beforeAll(() => { result = runChecks(candidateInput(graph, 'catalog', replacing(NAME_FIELD, ''))); });

    it('is refused, naming the mobile AccountHome operation, its client, version and channel', () => {
      expect(result.report.ok).toBe(false);
      const accountHome = result.report.brokenOperations.find((b) => b.operation === 'AccountHome');
      expect(accountHome).toEqual({
        client: 'passerelle-mobile', clientVersion: '1.x || >=2.1.0', channel: 'mobile', operation: 'AccountHome',
        errors: ['Cannot query field "name" on type "ProductOffering".', 'Breaking change it uses: ProductOffering.name was removed.'],
      });
    });

    it('names every registered operation selecting the field, in every channel, and only those', () => {
      const before = apiSchemaOf(graph.currentSupergraphSdl ?? '');
      const selecting = graph.operations.flatMap((c) => c.operations
        .filter((o) => elementsUsed(before, parse(o.body)).has('ProductOffering.name'))
        .map((o) => `${c.client} ${c.channel}/${o.name}`));
      const broken = result.report.brokenOperations.map((b) => `${b.client} ${b.channel}/${b.operation}`);
      expect(broken.sort()).toEqual(selecting.sort());
      expect(broken).toContain('passerelle-mobile mobile/AccountHome');
      expect(broken).not.toContain('passerelle-web web/AddToCart');
      expect(new Set(result.report.brokenOperations.map((b) => b.channel))).toEqual(new Set(['mobile', 'web', 'partner']));
    });

    it('reports the breaking change and the diff of the catalog schema', () => {
      expect(result.report.breaking).toEqual([{ type: 'FIELD_REMOVED', description: 'ProductOffering.name was removed.' }]);
      expect(result.diff).toEqual({ added: [], removed: ['ProductOffering.name'], changed: [] });
    });
  });

  it('reports a removed field no registered operation uses as breaking, without blocking', () => {
    const input = candidateInput(graph, 'catalog', replacing('  offerings(\n', '  shelfOfferings(\n'));
    const { report, diff } = runChecks(input);
    expect(report.breaking).toEqual([{ type: 'FIELD_REMOVED', description: 'Category.offerings was removed.' }]);
    expect(report.brokenOperations).toEqual([]);
    expect(report.ok).toBe(true);
    expect(diff.removed).toEqual(['Category.offerings', 'Category.offerings(after:)', 'Category.offerings(first:)']);
    expect(diff.added).toEqual(['Category.shelfOfferings', 'Category.shelfOfferings(after:)', 'Category.shelfOfferings(first:)']);
    // ...but a registry configured strict refuses any breaking change.
    expect(runChecks(input, { strictBreakingChanges: true }).report.ok).toBe(false);
  });

  it('refuses a retyped field an operation selects even though the operation still validates', () => {
    const { report } = runChecks(candidateInput(graph, 'catalog', replacing('  isBundle: Boolean\n', '  isBundle: String\n')));
    expect(report.ok).toBe(false);
    expect(report.brokenOperations).toEqual([expect.objectContaining({
      client: 'passerelle-web', operation: 'OfferingDetail',
      errors: ['Breaking change it uses: ProductOffering.isBundle changed type from Boolean to String.'],
    })]);
  });

  it('scenario 5: the catalogue team publishes a new optional field, which a web operation can use at once', () => {
    const newField = '  "Short name for narrow screens and receipts (Catalogue `shortLabel`)."\n  shortName: String\n';
    const result = runChecks(candidateInput(graph, 'catalog', replacing(NAME_FIELD, NAME_FIELD + newField)));
    expect(result.report).toMatchObject({ ok: true, breaking: [], dangerous: [], brokenOperations: [], composition: { errors: [] } });
    expect(result.report.warnings.filter((w) => w.coordinate.startsWith('ProductOffering'))).toEqual([]);
    expect(result.diff).toEqual({ added: ['ProductOffering.shortName'], removed: [], changed: [] });
    const api = apiSchemaOf(result.supergraphSdl ?? '');
    expect(validate(api, parse('query OfferingCard($id: ID!) { productOffering(id: $id) { id shortName } }'))).toEqual([]);
  });

  it('does not blame a candidate for an operation that already fails, and lets a first publish through', () => {
    const stale = { client: 'old-app', clientVersion: '0.9.0', channel: 'mobile', operations: [{ id: 'x', name: 'Legacy', body: '{ me { nickname } }' }] };
    const withStale = { ...candidateInput(graph, 'catalog', (sdl) => sdl), operations: [...graph.operations, stale] };
    const { report } = runChecks(withStale);
    expect(report.ok).toBe(true);
    expect(report.warnings).toContainEqual(expect.objectContaining({ rule: 'operation-not-servable', coordinate: 'old-app@0.9.0 mobile/Legacy' }));
    // First publish: no supergraph yet, catalog alone; operations needing other subgraphs cannot be served yet.
    const first = runChecks({ current: [], candidate: withStale.candidate, currentSupergraphSdl: null, operations: graph.operations });
    expect(first.report.ok).toBe(true);
    expect(first.report.warnings.some((w) => w.coordinate === 'passerelle-mobile@1.x || >=2.1.0 mobile/AccountHome')).toBe(true);
    expect(first.diff.added).toContain('ProductOffering.name');
  });
});
