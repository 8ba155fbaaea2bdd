import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { apiSchemaOf } from './compose-candidate.ts';
import { designWarnings } from './design-warnings.ts';
import { toCamel, toPascal, toUpperSnake } from './naming-rules.ts';
import { candidateInput, realGraph, replacing } from './real-graph.ts';
import { runChecks } from './run-checks.ts';

const graph = realGraph();

describe('design warnings of a candidate', () => {
  it('flags missing descriptions and names, on the real catalog, without blocking', () => {
    const edit = (sdl: string) => replacing('  isBundle: Boolean\n', '  bundle_flag: Boolean\n  Rating: Int\n')(
      replacing('"A shelf of the catalogue (Smartphones, Mobile plans...) grouping product offerings."\n', '')(sdl))
      + '\n"Delivery speed."\nenum deliverySpeed { "Next day." nextDay "Within a week." STANDARD }\n';
    const { report } = runChecks(candidateInput(graph, 'catalog', edit));
    const byRule = (rule: string) => report.warnings.filter((w) => w.rule === rule).map((w) => w.coordinate).sort();
    // bundle_flag keeps the description line of the isBundle field it replaces; Rating has none.
    expect(byRule('description-required')).toEqual(['Category', 'ProductOffering.Rating']);
    expect(byRule('naming-PascalCase')).toEqual(['deliverySpeed']);
    expect(byRule('naming-camelCase')).toEqual(['ProductOffering.Rating', 'ProductOffering.bundle_flag']);
    expect(byRule('naming-UPPER_SNAKE_CASE')).toEqual(['deliverySpeed.nextDay']);
    expect(report.warnings.find((w) => w.coordinate === 'ProductOffering.bundle_flag' && w.rule === 'naming-camelCase')?.message).toMatch(/e\.g\. bundleFlag/);
    // Warnings never block: only the rename of isBundle does, for the web operation that selects it.
    expect(report.brokenOperations.map((b) => b.operation)).toEqual(['OfferingDetail']);
  });

  it('warns only about what the candidate defines, not about other subgraphs', () => {
    const { report } = runChecks(candidateInput(graph, 'billing', (sdl) => sdl));
    expect(report.warnings).toEqual([]);
  });

  it('suggests a connection for root lists and paged lists of objects, not for fixed lists or scalars', () => {
    const sdl = `type Query { "c" categories: [Category!] "t" tags: [String!] "o" order: Order }
      "o" type Order { "i" items: [Item!]! "h" history(offset: Int, limit: Int): [Item] }
      "i" type Item { "n" name: String }  "c" type Category { "n" name: String }`;
    const warnings = designWarnings({ candidate: parse(sdl), api: apiSchemaOf(composeAlone(sdl)), hints: [] })
      .filter((w) => w.rule === 'list-should-be-connection');
    expect(warnings.map((w) => w.coordinate).sort()).toEqual(['Order.history', 'Query.categories']);
    expect(warnings.find((w) => w.coordinate === 'Order.history')?.message).toMatch(/takes paging arguments \(offset, limit\)/);
    expect(warnings.find((w) => w.coordinate === 'Query.categories')?.message).toMatch(/is a root field: return a CategoryConnection/);
  });

  it('turns inconsistent description hints into warnings when the element is the candidate\'s', () => {
    const hint = '[INCONSISTENT_DESCRIPTION] Element "Money.amount" has inconsistent descriptions across subgraphs.';
    const warnings = designWarnings({ candidate: parse('"m" type Money { "a" amount: String }'), api: null, hints: [hint, hint.replace('Money.amount', 'Customer.id')] });
    expect(warnings).toEqual([expect.objectContaining({ rule: 'description-once', coordinate: 'Money.amount' })]);
  });

  it('suggests names in the expected case', () => {
    expect([toPascal('delivery_speed'), toCamel('Bundle_Flag'), toUpperSnake('nextDay')]).toEqual(['DeliverySpeed', 'bundleFlag', 'NEXT_DAY']);
  });
});

/** A plain schema composed alone as a Federation 1-style subgraph, to get a supergraph for apiSchemaOf. */
function composeAlone(sdl: string): string {
  const result = runChecks({ current: [], candidate: { name: 'solo', url: 'http://127.0.0.1:1/graphql', sdl }, currentSupergraphSdl: null, operations: [] });
  if (!result.supergraphSdl) throw new Error(result.report.composition.errors.join('\n'));
  return result.supergraphSdl;
}
