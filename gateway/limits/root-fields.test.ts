import { getOperationAST, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { VISITS } from './bounded-walk.ts';
import { fragmentFanOut } from './hostile-shapes.ts';
import { exceedsRootFields } from './root-fields.ts';

const over = (source: string, limit: number, name?: string) => {
  const document = parse(source);
  return exceedsRootFields(document, getOperationAST(document, name) as never, limit);
};

describe('maxRootFields', () => {
  it('counts root fields, aliases and fragments included, __typename and introspection not', () => {
    const source = '{ a: hello b: hello ...R __typename __schema { queryType { name } } } fragment R on Query { node { id } }';
    expect(over(source, 3)).toBe(false);
    expect(over(source, 2)).toBe(true);
  });

  it('counts only the operation that runs', () => {
    expect(over('query A { hello } query B { a: hello b: hello }', 1, 'A')).toBe(false);
    expect(over('query A { hello } query B { a: hello b: hello }', 1, 'B')).toBe(true);
  });

  it('refuses 24 levels of fan-out at the root in a few dozen visits', () => {
    const before = VISITS.rootFields;
    expect(over(fragmentFanOut(24, { type: 'Query', leaf: 'hello' }), 8)).toBe(true);
    expect(VISITS.rootFields - before).toBeLessThan(3 * 26);
  });
});
