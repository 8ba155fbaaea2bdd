import { buildSubgraphSchema } from '@apollo/subgraph';
import { graphql, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { Principal } from '../../../contracts/principal.ts';
import type { DataPolicy } from '../../../contracts/authz/decide.ts';
import { AUTHZ_SDL } from '../../../contracts/authz/spec.ts';
import { principals } from '../../../test/support/subgraph-client.ts';
import { applyAuthorization, assertKnownPolicies } from './authz.ts';
import { notFound } from './not-found.ts';

const typeDefs = parse(`
extend schema
  @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  @link(url: "https://passerelle.dev/authz/v1.0", import: ["@public", "@authenticated", "@requiresRole", "@requiresScopes", "@policy"])
${AUTHZ_SDL}
type Query {
  account(id: ID!): Account @authenticated
  accounts(ids: [ID!]!): [Account] @authenticated
  "Through an abstract type, which the object-level check does not see: the field rules answer alone."
  anything(id: ID!): Anything @authenticated
  catalogue: [String!] @public
  forgotten: String
}
type Account @key(fields: "id") @requiresRole(roles: ["customer", "agent"]) @policy(name: "owner") {
  id: ID!
  name: String
  secret: String @requiresScopes(scopes: [["secrets:read"]])
  money: Amount
  "Account 1's friend is account 2; account 3 has none."
  friend: Account
}
type Amount { value: Int }
union Anything = Account
`);

const owner: DataPolicy<{ id: string }> = { needs: 'data', description: 'own account', allows: (p, parent) => p.role === 'agent' || p.subject === parent.id };
// Account "404" does not exist: the loaders' answer (runtime/authorization/not-found.ts), a rejected promise as in the subgraphs.
const load = (id: string) => (id === '404' ? Promise.reject(notFound('Account')) : Promise.resolve({ id }));
const resolvers = {
  Anything: { __resolveType: () => 'Account' },
  Query: { anything: (_: unknown, { id }: { id: string }) => ({ id }), account: (_: unknown, { id }: { id: string }) => load(id), accounts: (_: unknown, { ids }: { ids: string[] }) => ids.map((id) => ({ id })), catalogue: () => ['PO-1'], forgotten: () => 'leak' },
  Account: {
    __resolveReference: ({ id }: { id: string }) => load(id), name: ({ id }: { id: string }) => `name of ${id}`, secret: () => 's3cret', money: () => ({ value: 3 }),
    friend: ({ id }: { id: string }) => (id === '1' ? { id: '2' } : null),
  },
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

  it('applies data policies per object: the owner and agents only; another\'s answers exactly as a missing one', async () => {
    expect((await run(principals.customer('1'), '{ account(id: "1") { name money { value } } }')).data).toEqual({ account: { name: 'name of 1', money: { value: 3 } } });
    expect((await run(principals.agent(), '{ account(id: "1") { name } }')).data).toEqual({ account: { name: 'name of 1' } });
    const query = 'query($id: ID!) { account(id: $id) { id name money { value } } }';
    const another = await run(principals.customer('2'), query, { id: '1' });
    const missing = await run(principals.customer('2'), query, { id: '404' });
    expect(JSON.parse(JSON.stringify(another))).toEqual({ data: { account: null }, errors: [{ message: 'No Account has this id.', locations: [{ line: 1, column: 19 }], path: ['account'], extensions: { code: 'NOT_FOUND' } }] });
    expect(JSON.parse(JSON.stringify(another))).toEqual(JSON.parse(JSON.stringify(missing)));
  });

  it('enforces the same rules on entities reached through _entities, per item, another\'s answering as a missing one', async () => {
    const query = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Account { name } } }';
    const rep = (id: string) => ({ __typename: 'Account', id });
    const another = await run(principals.customer('1'), query, { r: [rep('1'), rep('2')] });
    expect(another.data).toEqual({ _entities: [{ name: 'name of 1' }, null] });
    expect(codes(another)).toEqual([['_entities.1', 'NOT_FOUND']]);
    expect(JSON.parse(JSON.stringify(another))).toEqual(JSON.parse(JSON.stringify(await run(principals.customer('1'), query, { r: [rep('1'), rep('404')] }))));
  });

  it('answers a hidden object in a list as a missing item, and a hidden relation as null, as when it has none', async () => {
    const list = await run(principals.customer('1'), '{ accounts(ids: ["1", "2"]) { id } }');
    expect(list.data).toEqual({ accounts: [{ id: '1' }, null] });
    expect(codes(list)).toEqual([['accounts.1', 'NOT_FOUND']]);
    const hidden = await run(principals.customer('1'), '{ account(id: "1") { friend { id name } } }');
    expect(hidden).toEqual({ data: { account: { friend: null } } });
    expect(await run(principals.customer('3'), '{ account(id: "3") { friend { id name } } }')).toEqual({ data: { account: { friend: null } } });
    expect((await run(principals.agent(), '{ account(id: "1") { friend { id name } } }')).data).toEqual({ account: { friend: { id: '2', name: 'name of 2' } } });
  });

  it('answers a data-policy refusal that reaches the field rules (past the object-level check) as NOT_FOUND too', async () => {
    const r = await run(principals.customer('2'), '{ anything(id: "1") { ... on Account { name } } }');
    expect(r.errors?.map((e) => [e.path?.join('.'), e.message, e.extensions['code']])).toEqual([['anything.name', 'No Account has this id.', 'NOT_FOUND']]);
  });

  it('keeps FORBIDDEN for rules that refuse every object alike (a role), even where a data policy also applies', async () => {
    const partner = await run(principals.partner('P1'), 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Account { name } } }', { r: [{ __typename: 'Account', id: '1' }] });
    expect(codes(partner)).toEqual([['_entities.0.name', 'FORBIDDEN']]);
    expect(partner.errors?.[0]?.message).toBe('You may not see this.');
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
