// The domain's "who may see what" for the party subgraph, called directly as the gateway would: every
// role on every channel, for each sensitive field. One character per channel: mobile, web, partner, agent.
// Another customer's account answers as a missing one (N: NOT_FOUND); partners, who may read no account
// whatever the id, get FORBIDDEN (F).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessMatrix, outcomeAt, type Caller } from '../../test/support/access-matrix.ts';
import { notFoundMessage } from '../runtime/authorization/not-found.ts';
import { dataset, startPartyHarness, type PartyHarness } from '../../test/support/party-harness.ts';

const [owner, other] = dataset.customers.map((c) => String(c.id));
const CALLERS: Record<string, Caller> = {
  anonymous: { role: 'anonymous', subject: null },
  'the customer': { role: 'customer', subject: owner! },
  'another customer': { role: 'customer', subject: other! },
  partner: { role: 'partner', subject: 'P001' },
  agent: { role: 'agent', subject: 'A001' },
};
const ownerRep = { r: [{ __typename: 'Customer', id: owner }] };

const FIELDS = [
  {
    field: 'me (each customer gets their own account; staff and partners get null)',
    query: '{ me { displayName } }', variables: {}, path: ['me'],
    expected: { anonymous: 'UUUU', 'the customer': '++++', 'another customer': '++++', partner: '0000', agent: '0000' },
  },
  {
    field: "customer(id): the customer's profile",
    query: 'query($id: ID!) { customer(id: $id) { id displayName segment } }', variables: { id: owner }, path: ['customer'],
    expected: { anonymous: 'UUUU', 'the customer': '++++', 'another customer': 'NNNN', partner: 'FFFF', agent: '++++' },
  },
  {
    field: "Customer.contactMedia: the customer's contact data",
    query: 'query($id: ID!) { customer(id: $id) { contactMedia { mediumType value } } }', variables: { id: owner }, path: ['customer', 'contactMedia'],
    expected: { anonymous: 'UUUU', 'the customer': '++++', 'another customer': 'NNNN', partner: 'FFFF', agent: '++++' },
  },
  {
    field: 'Customer through _entities (as other subgraphs reach it)',
    query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { contactMedia { value } } } }', variables: ownerRep,
    path: ['_entities', 0, 'contactMedia'],
    expected: { anonymous: 'UUUU', 'the customer': '++++', 'another customer': 'NNNN', partner: 'FFFF', agent: '++++' },
  },
  {
    field: 'customers: the list of every customer',
    query: '{ customers(first: 2) { totalCount nodes { id } } }', variables: {}, path: ['customers'],
    expected: { anonymous: 'UUUU', 'the customer': 'FFFF', 'another customer': 'FFFF', partner: 'FFFF', agent: '++++' },
  },
  {
    field: 'partner(id): public trade names',
    query: '{ partner(id: "P001") { id name email } }', variables: {}, path: ['partner'],
    expected: { anonymous: '++++', 'the customer': '++++', 'another customer': '++++', partner: '++++', agent: '++++' },
  },
];

let h: PartyHarness;
beforeAll(async () => { h = await startPartyHarness(); });
afterAll(async () => { await h.stop(); });

describe('party access matrix (role x channel)', () => {
  it.each(FIELDS)('$field', async ({ query, variables, path, expected }) => {
    expect(await accessMatrix(CALLERS, async (principal) => outcomeAt(await h.call(principal, query, variables), path))).toEqual(expected);
  });

  it('answers refusals with the same safe message whatever the rule, naming no rule, role or policy', async () => {
    const partner = await h.call({ role: 'partner', subject: 'P001', scopes: [], channel: 'partner', client: null },
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { displayName contactMedia { value } } } }', ownerRep);
    expect(new Set(partner.errors?.map((e) => e.message))).toEqual(new Set(['You may not see this.']));
    const another = await h.call({ role: 'customer', subject: other!, scopes: [], channel: 'web', client: null }, `{ customer(id: "${owner}") { displayName contactMedia { value } } }`);
    expect(another.errors?.map((e) => e.message)).toEqual([notFoundMessage('Customer')]);
    expect(JSON.stringify([partner.errors, another.errors])).not.toMatch(/customer-account|requiresRole|policy|agent|\d{6}/);
  });
});
