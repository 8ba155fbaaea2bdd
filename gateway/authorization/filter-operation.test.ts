import { buildSchema, parse, print } from 'graphql';
import { describe, expect, it } from 'vitest';
import { readRules } from '../../contracts/authz/read-rules.ts';
import { principals } from '../../test/support/subgraph-client.ts';
import { applyDenials } from './apply-denials.ts';
import { filterOperation } from './filter-operation.ts';
import { inlineOperation } from './inline-fragments.ts';

const sdl = `
directive @public on OBJECT | FIELD_DEFINITION
directive @authenticated on OBJECT | FIELD_DEFINITION
directive @requiresRole(roles: [String!]!) on OBJECT | FIELD_DEFINITION
directive @policy(name: String!) on OBJECT | FIELD_DEFINITION
type Query { offerings: [Offering!]! @public  me: Customer @authenticated  account: Account! @authenticated }
type Offering @public { id: ID! name: String price: Int partnerPrice: Int @requiresRole(roles: ["partner", "agent"]) stock: Stock @policy(name: "partner-channel") }
type Stock { quantity: Int! }
type Customer { id: ID! name: String party: Party }
type Account { secret: String! @requiresRole(roles: ["agent"]) }
union Party = Person | Company
type Person { birthDate: String @requiresRole(roles: ["agent"]) name: String }
type Company { name: String }
`;
const schema = buildSchema(sdl);
const rules = readRules(parse(sdl));
const filter = (query: string, principal = principals.customer('1')) =>
  filterOperation(schema, rules, inlineOperation(parse(query), undefined), principal);

describe('gateway authorization: removing fields before planning', () => {
  it('removes denied fields, in fragments too, and keeps the rest', () => {
    const result = filter('{ offerings { ...O } } fragment O on Offering { id partnerPrice stock { quantity } }');
    expect(print(result.operation)).toBe('{\n  offerings {\n    ... on Offering {\n      id\n    }\n  }\n}');
    expect(result.denials.map((d) => [d.path.map((s) => s.key).join('.'), d.code])).toEqual([['offerings.partnerPrice', 'FORBIDDEN'], ['offerings.stock', 'FORBIDDEN']]);
  });

  it('keeps everything for a principal the rules allow', () => {
    const result = filter('{ offerings { partnerPrice stock { quantity } } }', principals.partner('P001'));
    expect(result.denials).toEqual([]);
  });

  it('answers UNAUTHENTICATED to anonymous callers and empties the operation when nothing is left', () => {
    const result = filter('{ me { name } }', principals.anonymous());
    expect(result.empty).toBe(true);
    expect(applyDenials({}, result.denials)).toEqual({ data: { me: null }, errors: [{ message: 'Sign in to see this.', path: ['me'], extensions: { code: 'UNAUTHENTICATED' } }] });
  });

  it('puts null at each concrete path of a list, with one error each', () => {
    const { denials } = filter('{ offerings { id partnerPrice } }');
    const patched = applyDenials({ offerings: [{ id: '1' }, { id: '2' }] }, denials);
    expect(patched.data).toEqual({ offerings: [{ id: '1', partnerPrice: null }, { id: '2', partnerPrice: null }] });
    expect(patched.errors.map((e) => e.path)).toEqual([['offerings', 0, 'partnerPrice'], ['offerings', 1, 'partnerPrice']]);
  });

  it('nulls the nearest nullable ancestor when the removed field is non-null', () => {
    const { denials, empty } = filter('{ account { secret } offerings { id } }');
    expect(empty).toBe(false);
    // account is non-null too: the null reaches data, as graphql-js would do.
    expect(applyDenials({ offerings: [] }, denials).data).toBeNull();
  });

  it('removes a field of one member of a union only on objects of that type', () => {
    const result = filter('{ me { party { ... on Person { birthDate name } ... on Company { name } } } }');
    expect(print(result.operation)).toContain('__passerelle_typename: __typename');
    const patched = applyDenials({ me: { party: { __passerelle_typename: 'Company', name: 'ACME' } } }, result.denials);
    expect(patched).toEqual({ data: { me: { party: { name: 'ACME' } } }, errors: [] });
    const person = applyDenials({ me: { party: { __passerelle_typename: 'Person', name: 'Ana' } } }, result.denials);
    expect(person.data).toEqual({ me: { party: { name: 'Ana', birthDate: null } } });
    expect(person.errors).toHaveLength(1);
  });
});

describe('gateway authorization: nested removals', () => {
  it('reports a denied field even when its parent was emptied and removed', () => {
    const nested = 'directive @requiresRole(roles: [String!]!) on FIELD_DEFINITION type Query { item: Item } type Item { id: ID detail: Detail } type Detail { levels: [Int] @requiresRole(roles: ["agent"]) }';
    const result = filterOperation(buildSchema(nested), readRules(parse(nested)), inlineOperation(parse('{ item { id detail { levels } } }'), undefined), principals.customer('1'));
    expect(applyDenials({ item: { id: '1' } }, result.denials)).toEqual({
      data: { item: { id: '1', detail: null } },
      errors: [{ message: 'You may not see this.', path: ['item', 'detail', 'levels'], extensions: { code: 'FORBIDDEN' } }],
    });
  });

  it('leaves data policies to the subgraphs', () => {
    const withDataPolicy = readRules(parse('type Query { mine: Int @policy(name: "owner-only") }'));
    expect(filterOperation(buildSchema('type Query { mine: Int }'), withDataPolicy, inlineOperation(parse('{ mine }'), undefined), principals.customer('1')).denials).toEqual([]);
  });
});
