import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { VISITS } from './bounded-walk.ts';
import { fragmentFanOut } from './hostile-shapes.ts';
import { exceedsSelections } from './selections.ts';

const size = (source: string): number => {
  const document = parse(source);
  let n = 0;
  while (exceedsSelections(document, n)) n += 1;
  return n;
};

describe('maxSelections', () => {
  it('counts fields, inline fragments and spreads, each fragment at every place it lands', () => {
    expect(size('{ hello }')).toBe(1);
    expect(size('{ node { id child { id } } }')).toBe(4);
    expect(size('{ ... on Query { hello } }')).toBe(2);
    expect(size('{ node { ...N ...N } } fragment N on Node { id child { id } }')).toBe(9);
  });

  it('refuses 20 levels of fan-out nested in a field, which passes depth, aliases, root fields and cost', () => {
    const document = parse(fragmentFanOut(20, { field: 'node', type: 'Node', leaf: 'id' }));
    const before = VISITS.selections;
    expect(exceedsSelections(document, 1_000)).toBe(true);
    expect(VISITS.selections - before).toBeLessThan(3 * 22);
  });

  it('treats a fragment cycle as empty rather than looping', () => {
    expect(size('{ node { ...A } } fragment A on Node { id ...B } fragment B on Node { ...A }')).toBe(5); // node, ...A, id, ...B, ...A (cycle: nothing more)
  });
});
