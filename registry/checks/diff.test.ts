import { describe, expect, it } from 'vitest';
import { diffSubgraphSchemas } from './diff.ts';

const BEFORE = `
  type Query { "Offers." offers(first: Int = 10): [Offer] }
  "An offer." type Offer @key(fields: "id") { id: ID! "Name." name: String "Price." price: Int }
  enum State { OPEN CLOSED }
`;

describe('the publish diff of a subgraph schema', () => {
  it('lists added, removed and changed coordinates, sorted', () => {
    const after = BEFORE
      .replace('"Price." price: Int', '"Price." price: String @deprecated "Colour." colour: String')
      .replace('offers(first: Int = 10)', 'offers(first: Int = 20, after: String)')
      .replace(' CLOSED', '')
      .replace('"Name." name', '"Commercial name." name');
    expect(diffSubgraphSchemas(BEFORE, after)).toEqual({
      added: ['Offer.colour', 'Query.offers(after:)'],
      removed: ['State.CLOSED'],
      changed: ['Offer.name', 'Offer.price', 'Query.offers(first:)'],
    });
  });

  it('counts a type-level change (directive, description) on the type coordinate', () => {
    expect(diffSubgraphSchemas(BEFORE, BEFORE.replace('@key(fields: "id")', '@key(fields: "id") @shareable')).changed).toEqual(['Offer']);
  });

  it('lists everything as added for a first version, and nothing for an unparsable candidate', () => {
    expect(diffSubgraphSchemas(null, BEFORE).added).toEqual(['Offer', 'Offer.id', 'Offer.name', 'Offer.price', 'Query', 'Query.offers', 'Query.offers(first:)', 'State', 'State.CLOSED', 'State.OPEN']);
    expect(diffSubgraphSchemas(BEFORE, 'type Query {')).toEqual({ added: [], removed: [], changed: [] });
  });
});
