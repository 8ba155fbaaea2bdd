import { buildSchema, parse, print } from 'graphql';
import { describe, expect, it } from 'vitest';
import { readRules } from '../../contracts/authz/read-rules.ts';
import { principals } from '../../test/support/subgraph-client.ts';
import { LimitExceeded, VISITS } from '../limits/bounded-walk.ts';
import { fragmentFanOut } from '../limits/hostile-shapes.ts';
import { exceedsSelections } from '../limits/selections.ts';
import { filterOperation } from './filter-operation.ts';
import { inlineOperation } from './inline-fragments.ts';

const sdl = `
directive @requiresRole(roles: [String!]!) on OBJECT | FIELD_DEFINITION
type Query { offering: Offering }
type Offering { id: ID! partnerPrice: Int @requiresRole(roles: ["partner"]) }
`;

describe('inlining fragments for authorization, within a budget', () => {
  it('inlines each spread as an inline fragment of the same type condition', () => {
    const operation = inlineOperation(parse('{ offering { ...O } } fragment O on Offering { id }'), undefined);
    expect(print(operation)).toBe('{\n  offering {\n    ... on Offering {\n      id\n    }\n  }\n}');
  });

  it('builds exactly as many selections as maxSelections counts, and refuses one more', () => {
    const document = parse('{ offering { ...O ...O } } fragment O on Offering { id ... on Offering { partnerPrice } }');
    let size = 0;
    while (exceedsSelections(document, size)) size += 1;
    expect(() => inlineOperation(document, undefined, size)).not.toThrow();
    expect(() => inlineOperation(document, undefined, size - 1)).toThrow(LimitExceeded);
  });

  it('stops building at the budget on 24 levels of fan-out, and filtering stays within it', () => {
    const document = parse(fragmentFanOut(24, { field: 'offering', type: 'Offering', leaf: 'partnerPrice' }));
    const before = VISITS.inline;
    expect(() => inlineOperation(document, undefined, 1_000)).toThrow(LimitExceeded);
    expect(VISITS.inline - before).toBe(1_001);
    const small = inlineOperation(parse(fragmentFanOut(4, { field: 'offering', type: 'Offering', leaf: 'partnerPrice' })), undefined, 1_000);
    const filtering = VISITS.filter;
    const filtered = filterOperation(buildSchema(sdl), readRules(parse(sdl)), small, principals.customer('1'));
    expect(VISITS.filter - filtering).toBeLessThanOrEqual(2 ** 5 * 2);
    expect(filtered.empty).toBe(true);
  });
});
