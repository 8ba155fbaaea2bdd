import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { VISITS } from './bounded-walk.ts';
import { exceedsDirectives } from './directives.ts';
import { directiveFlood } from './hostile-shapes.ts';

describe('maxDirectives', () => {
  it('counts directives on fields, fragments, spreads and the operation', () => {
    expect(exceedsDirectives(parse('{ hello @skip(if: false) node @include(if: true) { id @skip(if: false) } }'), 3)).toBe(false);
    expect(exceedsDirectives(parse('{ hello @skip(if: false) node @include(if: true) { id @skip(if: false) } }'), 2)).toBe(true);
    expect(exceedsDirectives(parse('query @a { ... @b { hello @c } ...F @d } fragment F on Query @e { hello @f }'), 5)).toBe(true);
    expect(exceedsDirectives(parse('query @a { ... @b { hello @c } ...F @d } fragment F on Query @e { hello @f }'), 6)).toBe(false);
  });

  it('counts a fragment\'s directives at each spread', () => {
    const document = parse('{ ...F ...F ...F } fragment F on Query { hello @skip(if: false) }');
    expect(exceedsDirectives(document, 3)).toBe(false);
    expect(exceedsDirectives(document, 2)).toBe(true);
  });

  it('stops at the limit on a flood of directives', () => {
    const document = parse(directiveFlood(5_000));
    const before = VISITS.directives;
    expect(exceedsDirectives(document, 20)).toBe(true);
    expect(VISITS.directives - before).toBe(21);
  });
});
