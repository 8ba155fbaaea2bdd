import { describe, expect, it } from 'vitest';
import { VISITS } from './bounded-walk.ts';
import { fragmentFanOut, nestedInlineFragments, nestedListValue } from './hostile-shapes.ts';
import { scanSource } from './source-scan.ts';

const limits = { maxTokens: 1_000, maxNesting: 20 };

describe('tokens and nesting, on the text before parsing', () => {
  it('counts tokens, comments excluded, and stops at the first one over the limit', () => {
    expect(scanSource('{ node { id child { id } } } # { { { {', { maxTokens: 10, maxNesting: 20 })).toBeNull();
    const before = VISITS.scan;
    expect(scanSource(`{ ${'hello '.repeat(100_000)}}`, limits)).toEqual({ limit: 'maxTokens', max: 1_000 });
    expect(VISITS.scan - before).toBe(1_001);
  });

  it('counts the nesting of braces and brackets, not of those inside strings', () => {
    expect(scanSource('{ a { b { c } } }', { maxTokens: 100, maxNesting: 3 })).toBeNull();
    expect(scanSource('{ a { b { c { d } } } }', { maxTokens: 100, maxNesting: 3 })).toEqual({ limit: 'maxNesting', max: 3 });
    expect(scanSource(nestedListValue(4), { maxTokens: 100, maxNesting: 4 })).toEqual({ limit: 'maxNesting', max: 4 });
    expect(scanSource('{ a(s: "{{{{{{", b: """ [[[[[[ """) }', { maxTokens: 100, maxNesting: 1 })).toBeNull();
  });

  it('refuses 5,000 nested inline fragments after a few dozen tokens', () => {
    const before = VISITS.scan;
    expect(scanSource(nestedInlineFragments(5_000), limits)).toEqual({ limit: 'maxNesting', max: 20 });
    expect(VISITS.scan - before).toBeLessThan(100);
  });

  it('lets the fan-out shapes through (they are flat text: the document passes refuse them)', () => {
    expect(scanSource(fragmentFanOut(24), limits)).toBeNull();
  });

  it('leaves a syntax error to the parser', () => {
    expect(scanSource('{ hello "unterminated', limits)).toBeNull();
  });
});
