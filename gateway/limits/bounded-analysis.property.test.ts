/**
 * Property: whatever a document's fragments do, every analysis pass visits a number of nodes bounded by
 * a small multiple of the document's size, and hostile shapes are refused with a named limit.
 */
import fc from 'fast-check';
import { getOperationAST, Kind, parse, visit, type DocumentNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { filterOperation } from '../authorization/filter-operation.ts';
import { inlineOperation } from '../authorization/inline-fragments.ts';
import { principals } from '../../test/support/subgraph-client.ts';
import { exceedsAliases } from './aliases.ts';
import { LimitExceeded, VISITS, type PassName } from './bounded-walk.ts';
import { documentViolation, costViolation, violationMessage } from './check-limits.ts';
import { exceedsDepth } from './depth.ts';
import { exceedsDirectives } from './directives.ts';
import { aliasFlood, directiveFlood, fragmentFanOut, nestedInlineFragments, wideBranches } from './hostile-shapes.ts';
import { LIMIT_DEFAULTS } from './limits-config.ts';
import { operationCost } from './list-cost.ts';
import { exceedsRootFields } from './root-fields.ts';
import { exceedsSelections } from './selections.ts';
import { scanSource } from './source-scan.ts';
import { LIMITS_TEST_SCHEMA as schema } from './test-schema.ts';

const limits = LIMIT_DEFAULTS.default;
const NO_RULES = { types: new Map(), fields: new Map() };

/** Selections written in the document: fields, inline fragments and spreads. */
function documentSize(document: DocumentNode): number {
  let size = 0;
  visit(document, { Field: () => { size += 1; }, InlineFragment: () => { size += 1; }, FragmentSpread: () => { size += 1; } });
  return size;
}

/** Runs every pass over the document at the default limits; returns the visits of each. */
function visitsOfEveryPass(source: string): { size: number; visits: Record<PassName, number> } {
  const document = parse(source);
  const operation = getOperationAST(document) ?? (document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION) as never);
  const before = { ...VISITS };
  scanSource(source, { maxTokens: Number.MAX_SAFE_INTEGER, maxNesting: Number.MAX_SAFE_INTEGER });
  exceedsDepth(document, limits.maxDepth);
  exceedsAliases(document, limits.maxAliases);
  exceedsDirectives(document, limits.maxDirectives);
  exceedsRootFields(document, operation, limits.maxRootFields);
  exceedsSelections(document, limits.maxSelections);
  operationCost(schema, document, operation, {}, limits.defaultListSize, limits.maxCost);
  try {
    filterOperation(schema, NO_RULES, inlineOperation(document, undefined, limits.maxSelections), principals.anonymous());
  } catch (error) {
    if (!(error instanceof LimitExceeded)) throw error;
  }
  const visits = Object.fromEntries(Object.entries(VISITS).map(([pass, n]) => [pass, n - before[pass as PassName]])) as Record<PassName, number>;
  return { size: documentSize(document), visits };
}

/** `characters`: a token is at least one, so the scan (run without limits here) reads at most that many. */
function expectBounded({ size, visits }: ReturnType<typeof visitsOfEveryPass>, characters: number): void {
  for (const pass of ['depth', 'aliases', 'directives', 'rootFields', 'selections', 'cost'] as const) {
    expect(visits[pass], pass).toBeLessThanOrEqual(2 * size + 2);
  }
  expect(visits.scan).toBeLessThanOrEqual(characters);
  // Inlining materialises the expansion, so its bound is its budget; filtering walks what was inlined.
  expect(visits.inline).toBeLessThanOrEqual(limits.maxSelections + 1);
  expect(visits.filter).toBeLessThanOrEqual(visits.inline);
}

/** Random fragment graphs: fragment i spreads later fragments (any number of times) beside fields. */
const fragmentGraph = fc.integer({ min: 1, max: 12 }).chain((count) => fc.record({
  root: fc.constantFrom('node', 'nodes(first: 3)', 'party'),
  bodies: fc.array(fc.array(fc.oneof(
    fc.constantFrom('id', 'a: id', 'child { id }', 'children(first: 2) { id }', '__typename', 'id @skip(if: false)'),
    fc.nat({ max: count }).map((n) => `#${n}`),
  ), { minLength: 1, maxLength: 6 }), { minLength: count, maxLength: count }),
}).map(({ root, bodies }) => {
  const type = root === 'party' ? 'Person' : 'Node';
  const inner = root === 'party' ? '... on Person { ...F0 }' : '...F0';
  // A spread may only go to a later fragment (no cycles: validation would refuse them); past the last, a field.
  const body = (i: number, items: string[]) => items.map((s) => (s.startsWith('#') ? (Number(s.slice(1)) > i && Number(s.slice(1)) < count ? `...F${s.slice(1)}` : 'id') : s)).join(' ');
  const fragments = bodies.map((items, i) => `fragment F${i} on ${type} { ${type === 'Person' ? body(i, items).replace(/child \{ id \}|children\(first: 2\) \{ id \}/g, 'friends(first: 2) { id }') : body(i, items)} }`);
  return `query { ${root} { ${inner} } } ${fragments.join(' ')}`;
}));

describe('every analysis pass is bounded by the document, whatever its fragments', () => {
  it('random fragment graphs (fan-out of any width, at any place)', () => {
    fc.assert(fc.property(fragmentGraph, (source) => {
      expectBounded(visitsOfEveryPass(source), source.length);
    }), { numRuns: 200 });
  });

  it('fan-out at the root and nested in a field, refused by a named limit', () => {
    const place = fc.constantFrom(undefined, { field: 'node', type: 'Node', leaf: 'id' }, { field: 'nodes(first: 5)', type: 'Node', leaf: 'child { id }' });
    fc.assert(fc.property(fc.integer({ min: 10, max: 60 }), fc.integer({ min: 2, max: 4 }), place, (levels, copies, where) => {
      const source = fragmentFanOut(levels, where ?? { type: 'Query', leaf: 'hello' }, copies);
      expectBounded(visitsOfEveryPass(source), source.length);
      const document = parse(source);
      const op = { schema, document, source, operation: getOperationAST(document) as never, variables: {} };
      const violation = documentViolation(op, { ...limits, maxTokens: 100_000 }) ?? costViolation(op, limits);
      expect(violation?.limit).toMatch(/^(maxRootFields|maxSelections|maxAliases|maxCost)$/);
      expect(violationMessage(violation!, 'web')).toContain(`(${violation!.limit})`);
    }), { numRuns: 60 });
  });

  it('floods of aliases and directives, and wide unions', () => {
    const shape = fc.oneof(
      fc.integer({ min: 1, max: 3_000 }).map((n) => aliasFlood(n)),
      fc.integer({ min: 1, max: 1_000 }).map((n) => directiveFlood(n)),
      fc.integer({ min: 1, max: 300 }).map((n) => wideBranches('parties(first: 50)', ['Person', 'Company'], 'id friends: __typename', n)),
    );
    fc.assert(fc.property(shape, (source) => {
      expectBounded(visitsOfEveryPass(source), source.length);
    }), { numRuns: 60 });
  });

  it('deep nesting is refused on the text, after as many tokens as it takes to cross the nesting limit', () => {
    fc.assert(fc.property(fc.integer({ min: limits.maxNesting, max: 10_000 }), (levels) => {
      const before = VISITS.scan;
      expect(scanSource(nestedInlineFragments(levels), limits)).toEqual({ limit: 'maxNesting', max: limits.maxNesting });
      expect(VISITS.scan - before).toBeLessThanOrEqual(4 * (limits.maxNesting + 1));
    }), { numRuns: 50 });
  });
});
