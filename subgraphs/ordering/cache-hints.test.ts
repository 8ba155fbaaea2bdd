import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { principals } from '../../test/support/subgraph-client.ts';
import { startOrderingStack, type OrderingStack } from '../../test/support/ordering-stack.ts';

describe('cache hints the gateway receives', () => {
  let stack: OrderingStack;
  beforeAll(async () => { stack = await startOrderingStack(); });
  afterAll(async () => { await stack.stop(); });
  const reps = [{ __typename: 'Customer', id: '100001' }];
  const header = async (query: string): Promise<string | null> =>
    (await stack.call(principals.agent(), query, { reps })).headers.get('cache-control');

  it('keeps orders private for 10 s, Money and PageInfo included', async () => {
    expect(await header('{ productOrder(id: "ORD-0000001") { id total { amount } items { unitPrice { amount } productOffering { id } } customer { id } } }'))
      .toBe('max-age=10, private');
    expect(await header('query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Customer { orders(first: 3) { totalCount pageInfo { hasNextPage } edges { node { id total { amount } } } } } } }'))
      .toBe('max-age=10, private');
  });

  it('never caches a cart', async () => {
    expect(await header('query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Customer { cart { id total { amount } } } } }'))
      .toBe('no-store');
  });
});
