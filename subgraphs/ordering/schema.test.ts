import { composeServices } from '@apollo/composition';
import { Kind, type DocumentNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { principals } from '../../test/support/subgraph-client.ts';
import { loadSchema } from '../runtime/load-schema.ts';
import { startOrderingStack, type OrderingStack } from './test-stack.ts';

const typeDefs: DocumentNode = loadSchema(new URL('./index.ts', import.meta.url).href);

describe('ordering schema', () => {
  it('composes alone into a supergraph', () => {
    const result = composeServices([{ name: 'ordering', typeDefs, url: 'http://127.0.0.1:4003/graphql' }]);
    expect(result.errors?.map((e) => e.message)).toBeUndefined();
    expect(result.supergraphSdl).toContain('type ProductOrder');
  });

  it('describes every type, field, argument, enum value and input field', () => {
    const missing: string[] = [];
    for (const def of typeDefs.definitions) {
      if (!('name' in def) || !def.name || def.kind === Kind.DIRECTIVE_DEFINITION) continue;
      const typeName = def.name.value;
      if (!('description' in def) || !def.description) missing.push(typeName);
      const members = 'fields' in def ? def.fields ?? [] : 'values' in def ? def.values ?? [] : [];
      for (const member of members) {
        if (!member.description) missing.push(`${typeName}.${member.name.value}`);
        for (const arg of 'arguments' in member ? member.arguments ?? [] : []) {
          if (!arg.description) missing.push(`${typeName}.${member.name.value}(${arg.name.value})`);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});

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
