/** The coordinates an operation reads: through fragments (each walked once), aliases and abstract types. */
import { buildSchema, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { CoordinateCache, fieldCoordinates } from './field-coordinates.ts';

const schema = buildSchema(`
  type Query { product(id: ID!): Product, search(text: String): [Result!]! }
  interface Node { id: ID! }
  type Product implements Node { id: ID!, name: String, price: Float, seller: Seller }
  type Seller implements Node { id: ID!, name: String }
  union Result = Product | Seller
`);

describe('field coordinates', () => {
  it('lists Type.field for the fields read, through aliases, inline fragments and named fragments, without meta fields', () => {
    const document = parse(`
      query Page { p: product(id: "1") { __typename ...P seller { ...S } } search(text: "x") { ... on Seller { id } ...P } }
      fragment P on Product { name price }
      fragment S on Seller { name }
      query Other { product(id: "2") { id } }`);
    expect(fieldCoordinates(schema, document, 'Page')).toEqual([
      'Product.name', 'Product.price', 'Product.seller', 'Query.product', 'Query.search', 'Seller.id', 'Seller.name']);
    expect(fieldCoordinates(schema, document, 'Other')).toEqual(['Product.id', 'Query.product']);
    expect(fieldCoordinates(schema, document, null)).toEqual([]);
  });

  it('walks a fragment spread a thousand times once (bounded by the document size), and ignores unknown fields', () => {
    const spreads = Array.from({ length: 1000 }, (_, i) => `a${i}: product(id: "${i}") { ...P ...P }`).join(' ');
    const document = parse(`{ ${spreads} nope } fragment P on Product { name seller { name } }`);
    expect(fieldCoordinates(schema, document, null)).toEqual(['Product.name', 'Product.seller', 'Query.product', 'Seller.name']);
  });

  it('is computed once per schema and document hash', () => {
    const cache = new CoordinateCache(2);
    const document = parse('{ product(id: "1") { name } }');
    const first = cache.get(schema, 'h', document, null);
    expect(cache.get(schema, 'h', parse('{ product(id: "1") { price } }'), null)).toBe(first);
    const other = buildSchema('type Query { product(id: ID!): P } type P { name: String }');
    expect(cache.get(other, 'h', document, null)).toEqual(['P.name', 'Query.product']);
  });
});
