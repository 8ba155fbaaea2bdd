import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { VISITS } from './bounded-walk.ts';
import { exceedsDepth } from './depth.ts';
import { fragmentFanOut } from './hostile-shapes.ts';

const depthOf = (source: string): number => {
  const document = parse(source);
  let n = 0;
  while (exceedsDepth(document, n)) n += 1;
  return n;
};

describe('maxDepth', () => {
  it('counts field nesting, a root field being 1, fragments and inline fragments adding no level', () => {
    expect(depthOf('{ hello }')).toBe(1);
    expect(depthOf('{ node { child { child { id } } } }')).toBe(4);
    expect(depthOf('{ node { ...F } } fragment F on Node { child { ... on Node { id } } }')).toBe(3);
    expect(depthOf('{ node { ...F ...G } } fragment F on Node { id } fragment G on Node { child { child { id } } }')).toBe(4);
  });

  it('takes the deepest of every operation, and leaves introspection to the introspection setting', () => {
    expect(depthOf('query A { hello } query B { node { child { id } } }')).toBe(3);
    expect(depthOf('{ __schema { types { fields { type { name } } } } }')).toBe(0);
  });

  it('measures a fragment once however often it is spread, and survives a cycle', () => {
    const document = parse(fragmentFanOut(24, { field: 'node', type: 'Node', leaf: 'child { id }' }));
    const before = VISITS.depth;
    expect(exceedsDepth(document, 3)).toBe(false);
    expect(VISITS.depth - before).toBeLessThan(2 * 24 + 10);
    expect(exceedsDepth(document, 2)).toBe(true);
    expect(exceedsDepth(parse('{ node { ...A } } fragment A on Node { child { ...B } } fragment B on Node { ...A }'), 5)).toBe(false);
  });
});
