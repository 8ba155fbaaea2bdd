import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTHZ_SDL } from '../../../contracts/authz/spec.ts';
import { callSubgraph, principals, TEST_KEYS } from '../../../test/support/subgraph-client.ts';
import type { BaseContext } from '../serving/definition.ts';
import { ENTITY_EXTENSION } from '../../../contracts/entity-report.ts';
import { startSubgraph, type RunningSubgraph } from '../serving/serve.ts';

const typeDefs = parse(`
extend schema
  @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  @link(url: "https://passerelle.dev/authz/v1.0", import: ["@public"])
${AUTHZ_SDL}
type Query { orders: [Order!]! @public }
type Mutation { rename(id: ID!): Order @public }
type Order @key(fields: "id") @public { id: ID! offering: Offering! }
type Offering @key(fields: "id", resolvable: false) { id: ID! }
`);

describe('entity report of a subgraph response', () => {
  let subgraph: RunningSubgraph;
  beforeAll(async () => {
    subgraph = await startSubgraph({
      name: 'tiny', typeDefs, createContext: (principal) => ({ principal }),
      resolvers: {
        Query: { orders: () => [{ id: 'O1', offering: { id: 'P1' } }, { id: 'O2', offering: { id: 'P2' } }] },
        Mutation: { rename: (_: unknown, { id }: { id: string }, ctx: BaseContext) => { ctx.entities?.invalidate('Order', id); return { id, offering: { id: 'P1' } }; } },
        Order: { __resolveReference: ({ id }: { id: string }) => ({ id, offering: { id: 'P9' } }) },
      },
    }, { internalTokenPublicKey: TEST_KEYS.publicKeyPem });
  });
  afterAll(() => subgraph.stop());

  it('lists the entities a query returned, nested ones and _entities included', async () => {
    const res = await callSubgraph(subgraph.url, 'tiny', principals.anonymous(), '{ orders { id offering { id } } }');
    expect((res as { extensions?: Record<string, unknown> }).extensions?.[ENTITY_EXTENSION]).toEqual({ returned: ['Order:O1', 'Order:O2', 'Offering:P1', 'Offering:P2'], invalidated: [] });
    const entities = await callSubgraph(subgraph.url, 'tiny', principals.anonymous(), '{ _entities(representations: [{ __typename: "Order", id: "O7" }]) { ... on Order { offering { id } } } }');
    expect((entities as { extensions?: Record<string, unknown> }).extensions?.[ENTITY_EXTENSION]).toEqual({ returned: ['Order:O7', 'Offering:P9'], invalidated: [] });
  });

  it('lists what a mutation says it changed', async () => {
    const res = await callSubgraph(subgraph.url, 'tiny', principals.anonymous(), 'mutation { rename(id: "O1") { id } }');
    expect((res as { extensions?: Record<string, unknown> }).extensions?.[ENTITY_EXTENSION]).toEqual({ returned: ['Order:O1'], invalidated: ['Order:O1'] });
  });
});
