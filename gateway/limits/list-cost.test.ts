import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { buildSchema, getOperationAST, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { VISITS } from './bounded-walk.ts';
import { fragmentFanOut } from './hostile-shapes.ts';
import { operationCost } from './list-cost.ts';
import { LIMITS_TEST_SCHEMA } from './test-schema.ts';

const schema = buildSchema(`
  type Query { hello: String customer(id: ID!): Customer customers(first: Int = 10, last: Int): CustomerConnection categories: [Category!]! search(first: Int): [Customer] }
  type Mutation { addItem(sku: String!): Order }
  type CustomerConnection { totalCount: Int pageInfo: PageInfo nodes: [Customer!]! edges: [CustomerEdge!]! }
  type CustomerEdge { cursor: String node: Customer }
  type PageInfo { hasNextPage: Boolean }
  type Customer { id: ID name: String address: Address orders(first: Int = 10): OrderConnection }
  type Address { city: String }
  type OrderConnection { nodes: [Order!]! }
  type Order { id: ID items: [Item!]! }
  type Item { sku: String offering: Offering }
  type Offering { name: String }
  type Category { id: ID }
`);

function cost(source: string, variables: Record<string, unknown> = {}, defaultListSize = 10): number {
  const document = parse(source);
  expect(validate(schema, document)).toEqual([]);
  return operationCost(schema, document, getOperationAST(document) as never, variables, defaultListSize);
}

describe('list-size-aware operation cost', () => {
  it('counts objects, not scalars', () => {
    expect(cost('{ hello }')).toBe(0);
    expect(cost('{ customer(id: 1) { id name __typename } }')).toBe(1);
    expect(cost('{ customer(id: 1) { address { city } } }')).toBe(2);
  });

  it('multiplies the lists below a connection by its first/last argument, not its other fields', () => {
    expect(cost('{ customers(first: 5) { nodes { id } } }')).toBe(1 + 5);
    expect(cost('{ customers(first: 5) { totalCount pageInfo { hasNextPage } nodes { id } } }')).toBe(1 + 1 + 5);
    expect(cost('{ customers(first: 4) { edges { cursor node { id } } } }')).toBe(1 + 4 * 2);
    expect(cost('{ customers(first: 2, last: 30) { nodes { id } } }')).toBe(1 + 30);
  });

  it('reads the size from variables, variable defaults and schema defaults', () => {
    const query = 'query ($n: Int) { customers(first: $n) { nodes { id } } }';
    expect(cost(query, { n: 50 })).toBe(51);
    expect(cost('query ($n: Int = 7) { customers(first: $n) { nodes { id } } }')).toBe(8);
    expect(cost('{ customers { nodes { id } } }')).toBe(11);
    // A value execution will refuse still costs a default list here, never zero.
    expect(cost(query, { n: 'many' }, 25)).toBe(26);
  });

  it('gives lists without a size the default list size', () => {
    expect(cost('{ categories { id } }', {}, 7)).toBe(7);
    expect(cost('{ search { id } }', {}, 7)).toBe(7);
    expect(cost('{ search(first: 3) { id } }', {}, 7)).toBe(3);
  });

  it('multiplies nested lists', () => {
    const nested = '{ customers(first: 10) { nodes { orders(first: 10) { nodes { items { offering { name } } } } } } }';
    // items: 10 x (item + offering) = 20; order: 21; orders: 1 + 10 x 21; customer: 1 + 211; customers: 1 + 10 x 212
    expect(cost(nested)).toBe(2121);
  });

  it('counts fragments like the fields they stand for, on mutations too', () => {
    expect(cost('{ customers(first: 5) { ...Page } } fragment Page on CustomerConnection { nodes { ...C } } fragment C on Customer { address { city } }')).toBe(1 + 5 * 2);
    expect(cost('{ customers(first: 5) { ... on CustomerConnection { nodes { id } } } }')).toBe(6);
    expect(cost('mutation { addItem(sku: "A") { items { sku } } }', {}, 4)).toBe(1 + 4);
  });

  it('sees what armor\'s cost limit does not: a page size given as a variable', () => {
    const document = parse('query ($n: Int) { customers(first: $n) { nodes { orders(first: $n) { nodes { id } } } } }');
    const armorErrors = validate(schema, document, [costLimitRule({ maxCost: 100, propagateOnRejection: false, onReject: [(ctx, e) => ctx?.reportError(e)] })]);
    expect(armorErrors).toEqual([]);
    expect(operationCost(schema, document, getOperationAST(document) as never, { n: 100 }, 10)).toBeGreaterThan(10_000);
  });
});

describe('cost of exclusive type conditions', () => {
  const unionCost = (source: string) => {
    const document = parse(source);
    expect(validate(LIMITS_TEST_SCHEMA, document)).toEqual([]);
    return operationCost(LIMITS_TEST_SCHEMA, document, getOperationAST(document) as never, {}, 10);
  };

  it('costs the largest branch of a union, not the sum of its branches', () => {
    // Each party is a Person (5 friends) or a Company (7 staff): a party costs at most 1 + 7, not 1 + 5 + 7.
    expect(unionCost('{ party { ... on Person { friends(first: 5) { id } } ... on Company { staff(first: 7) { id } } } }')).toBe(1 + 7);
    expect(unionCost('{ parties(first: 2) { ... on Person { friends(first: 5) { id } } ... on Company { staff(first: 7) { id } } } }')).toBe(2 * (1 + 7));
  });

  it('adds up the branches that apply to the same type, and interface branches to each type they cover', () => {
    expect(unionCost('{ party { ... on Company { staff(first: 7) { id } } ... on Company { offices { id } } } }')).toBe(1 + 7 + 10);
    const named = '{ party { ... on Named { ... on Person { f: friends(first: 5) { id } } } ... on Person { friends(first: 3) { id } } ... on Company { staff(first: 4) { id } } } }';
    expect(unionCost(named)).toBe(1 + 5 + 3);
    expect(unionCost('{ party { ...P ...C } } fragment P on Person { friends(first: 5) { id } } fragment C on Company { staff(first: 7) { id } }')).toBe(1 + 7);
  });

  it('sums fragments on an object type, where every branch applies', () => {
    expect(unionCost('{ node { ... on Node { child { id } } ... on Node { child { id } } } }')).toBe(1 + 2);
  });
});

describe('bounded cost', () => {
  it('costs each fragment once, however often it is spread', () => {
    const document = parse(fragmentFanOut(24, { field: 'customer(id: 1)', type: 'Customer', leaf: 'address { city }' }));
    const before = VISITS.cost;
    expect(operationCost(schema, document, getOperationAST(document) as never, {}, 10)).toBe(1 + 2 ** 24);
    expect(VISITS.cost - before).toBeLessThan(3 * 27);
  });

  it('stops as soon as a part times the lists above it is over the limit, and says Infinity', () => {
    const document = parse('{ customers(first: 100) { nodes { orders(first: 100) { nodes { items { sku } } } } } a: customer(id: 1) { id } }');
    const before = VISITS.cost;
    expect(operationCost(schema, document, getOperationAST(document) as never, {}, 10, 1_000)).toBe(Number.POSITIVE_INFINITY);
    // Stopped inside `orders`, before the second root field.
    expect(VISITS.cost - before).toBeLessThan(7);
    expect(operationCost(schema, document, getOperationAST(document) as never, {}, 10, 1_000_000)).toBeLessThan(1_000_000);
  });
});

