import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { buildSchema, getOperationAST, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { operationCost } from './list-cost.ts';

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
