import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { exceedsAliases } from './aliases.ts';
import { VISITS } from './bounded-walk.ts';
import { aliasFlood, fragmentFanOut } from './hostile-shapes.ts';

describe('maxAliases', () => {
  it('counts aliased fields but not __typename aliases', () => {
    expect(exceedsAliases(parse('{ a: hello b: hello t: __typename }'), 2)).toBe(false);
    expect(exceedsAliases(parse('{ a: hello b: hello c: hello }'), 2)).toBe(true);
  });

  it('counts a fragment\'s aliases at each spread, and each operation on its own', () => {
    const twice = parse('{ node { ...A } x: node { ...A } } fragment A on Node { i: id j: id }');
    expect(exceedsAliases(twice, 5)).toBe(false);
    expect(exceedsAliases(twice, 4)).toBe(true);
    expect(exceedsAliases(parse('query A { a: hello } query B { b: hello }'), 1)).toBe(false);
  });

  it('stops at the limit: a flood of 10,000 aliases costs the limit\'s worth of visits', () => {
    const before = VISITS.aliases;
    expect(exceedsAliases(parse(aliasFlood(10_000)), 10)).toBe(true);
    expect(VISITS.aliases - before).toBe(11);
  });

  it('counts 2^24 aliases through fragment fan-out in a few dozen visits', () => {
    const document = parse(fragmentFanOut(24, { field: 'node', type: 'Node', leaf: 'i: id' }));
    const before = VISITS.aliases;
    expect(exceedsAliases(document, 1_000_000)).toBe(true);
    expect(VISITS.aliases - before).toBeLessThan(3 * 26);
  });
});
