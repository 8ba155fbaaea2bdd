import { buildSubgraphSchema } from '@apollo/subgraph';
import { graphql, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { Principal } from '../../gateway/auth/principal.ts';
import type { DataPolicy } from '../../schema/authz/decide.ts';
import { AUTHZ_SDL } from '../../schema/authz/spec.ts';
import { principals } from '../../test/support/subgraph-client.ts';
import { applyAuthorization, assertKnownPolicies } from './authz.ts';

const typeDefs = parse(`
extend schema
  @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  @link(url: "https://passerelle.dev/authz/v1.0", import: ["@public", "@authenticated", "@requiresRole", "@requiresScopes", "@policy"])
${AUTHZ_SDL}
type Query {
  account(id: ID!): Account @authenticated
  catalogue: [String!] @public
  forgotten: String
}
type Account @key(fields: "id") @requiresRole(roles: ["customer", "agent"]) @policy(name: "owner") {
  id: ID!
  name: String
  secret: String @requiresScopes(scopes: [["secrets:read"]])
  money: Amount
}
type Amount { value: Int }
`);

const owner: DataPolicy<{ id: string }> = { needs: 'data', description: 'own account', allows: (p, parent) => p.role === 'agent' || p.subject === parent.id };
const resolvers = {
  Query: { account: (_: unknown, { id }: { id: string }) => ({ id }), catalogue: () => ['PO-1'], forgotten: () => 'leak' },
  Account: { __resolveReference: ({ id }: { id: string }) => ({ id }), name: ({ id }: { id: string }) => `name of ${id}`, secret: () => 's3cret', money: () => ({ value: 3 }) },
};
const schema = applyAuthorization(buildSubgraphSchema([{ typeDefs, resolvers }]), typeDefs, { owner: owner as never });
const run = (principal: Principal, source: string, variableValues?: Record<string, unknown>) =>
  graphql({ schema, source, contextValue: { principal }, ...(variableValues ? { variableValues } : {}) });
const codes = (r: Awaited<ReturnType<typeof run>>) => (r.errors ?? []).map((e) => [e.path?.join('.'), e.extensions['code']]);

describe('subgraph authorization from directives (graphql-shield)', () => {
  it('lets anyone read @public fields, and denies fields with no rule on root types', async () => {
    const r = await run(principals.anonymous(), '{ catalogue forgotten }');
    expect(r.data).toEqual({ catalogue: ['PO-1'], forgotten: null });
    expect(codes(r)).toEqual([['forgotten', 'FORBIDDEN']]);
  });

  it('answers UNAUTHENTICATED to anonymous callers and FORBIDDEN to signed-in ones', async () => {
    expect(codes(await run(principals.anonymous(), '{ account(id: "1") { id } }'))).toEqual([['account', 'UNAUTHENTICATED']]);
    expect(codes(await run(principals.partner('P1'), '{ account(id: "1") { name } }'))).toEqual([['account.name', 'FORBIDDEN']]);
  });

  it('applies data policies per object: the owner and agents only', async () => {
    expect((await run(principals.customer('1'), '{ account(id: "1") { name money { value } } }')).data).toEqual({ account: { name: 'name of 1', money: { value: 3 } } });
    expect(codes(await run(principals.customer('2'), '{ account(id: "1") { name } }'))).toEqual([['account.name', 'FORBIDDEN']]);
    expect((await run(principals.agent(), '{ account(id: "1") { name } }')).data).toEqual({ account: { name: 'name of 1' } });
  });

  it('enforces the same rules on entities reached through _entities, per item', async () => {
    const r = await run(principals.customer('1'), 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Account { name } } }',
      { r: [{ __typename: 'Account', id: '1' }, { __typename: 'Account', id: '2' }] });
    expect(r.data).toEqual({ _entities: [{ name: 'name of 1' }, { name: null }] });
    expect(codes(r)).toEqual([['_entities.1.name', 'FORBIDDEN']]);
  });

  it('requires scopes where the schema says so', async () => {
    expect(codes(await run(principals.agent(), '{ account(id: "1") { secret } }'))).toEqual([['account.secret', 'FORBIDDEN']]);
    expect((await run({ ...principals.agent(), scopes: ['secrets:read'] }, '{ account(id: "1") { secret } }')).data).toEqual({ account: { secret: 's3cret' } });
  });

  it('keeps federation working and reports resolver errors as they are', async () => {
    expect((await run(principals.anonymous(), '{ _service { sdl } }')).data?.['_service']).toBeTruthy();
  });

  it('refuses to start when the schema names an unknown policy', () => {
    expect(() => assertKnownPolicies(parse('type Query { a: Int @policy(name: "nobody-wrote-me") }'), {})).toThrow(/nobody-wrote-me/);
  });
});
