import { describe, expect, it } from 'vitest';
import { unavailableErrors } from './unavailable-errors.ts';

const code = { code: 'SUBGRAPH_UNAVAILABLE' };

describe('errors for an unreachable subgraph', () => {
  it('names each entity field the fetch should have resolved, by alias', () => {
    const query = 'query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Customer { __typename balance { openAmount { amount } } unpaid: bills(first: 5) { totalCount } } } }';
    expect(unavailableErrors({ query, variables: { representations: [{ id: '1' }, { id: '2' }] } }, undefined, 'down')).toEqual([
      { message: 'down', path: ['_entities', 0, 'balance'], extensions: code },
      { message: 'down', path: ['_entities', 0, 'unpaid'], extensions: code },
      { message: 'down', path: ['_entities', 1, 'balance'], extensions: code },
      { message: 'down', path: ['_entities', 1, 'unpaid'], extensions: code },
    ]);
  });

  it('names each root field of a root fetch', () => {
    expect(unavailableErrors({ query: '{ a: productOffering(id: "1") { id } categories { id } }' }, undefined, 'down'))
      .toEqual([{ message: 'down', path: ['a'], extensions: code }, { message: 'down', path: ['categories'], extensions: code }]);
  });

  it('falls back to one error without a path when the operation is unreadable', () => {
    expect(unavailableErrors({ query: '{' }, undefined, 'down')).toEqual([{ message: 'down', extensions: code }]);
  });
});
