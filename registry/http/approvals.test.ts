// Issue 10: an owner may not take another team's field (@override) or change its entity without that
// team's (or an admin's) approval of the exact candidate, recorded with the version.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCredential } from '../credentials/credentials-file.ts';
import { CATALOG_SDL, replacingOnce, startTestRegistry, type TestRegistry } from '../registry-test-support.ts';

let t: TestRegistry;
let partyOwner: string;
beforeAll(async () => {
  t = await startTestRegistry();
  partyOwner = (await createCredential(join(t.dir, 'credentials.json'), { role: 'owner', subgraph: 'party', id: 'party-team' })).token;
});
afterAll(async () => { await t?.stop(); });

/** The catalog team's candidate: it resolves Partner.name itself, taking it from party. */
const TAKE_PARTNER_NAME = `${replacingOnce(CATALOG_SDL, 'import: ["@key", ', 'import: ["@key", "@override", ')}
"A partner, as the catalogue knows it."
type Partner @key(fields: "id") @public {
  "The partner id."
  id: ID!
  "The partner's trade name, now served by the catalogue."
  name: String @override(from: "party")
}
`;
const HASH = createHash('sha256').update(TAKE_PARTNER_NAME).digest('hex');
const publish = (token: string) => t.api('POST', '/subgraphs/catalog/publish', token, { sdl: TAKE_PARTNER_NAME });

describe('cross-team changes need the owning team\'s approval', () => {
  it('shows the needed approval in a check, with the candidate\'s hash', async () => {
    const check = await t.api('POST', '/subgraphs/catalog/check', t.tokens.reader, { sdl: TAKE_PARTNER_NAME });
    expect(check.status).toBe(200);
    expect(check.body.report.composition.errors).toEqual([]);
    expect(check.body.hash).toBe(HASH);
    expect(check.body.report.crossTeam).toContainEqual({ owner: 'party', coordinate: 'Partner.name', reason: 'override' });
  });

  it('refuses the catalog owner taking party\'s Partner.name (409 APPROVAL_REQUIRED naming party and the field); force does not help', async () => {
    const refused = await publish(t.tokens.catalogOwner);
    expect(refused.status).toBe(409);
    expect(refused.body.errors[0].extensions.code).toBe('APPROVAL_REQUIRED');
    expect(refused.body.errors[0].message).toMatch(/what party own\(s\): party: .*Partner\.name \(@override from party\)/);
    expect(refused.body.errors[0].message).toContain(`approve --subgraph catalog --hash ${HASH}`);
    expect(refused.body.missingApprovals).toEqual([{ team: 'party', coordinates: expect.arrayContaining(['Partner.name']) }]);
    const forced = await t.api('POST', '/subgraphs/catalog/publish', t.tokens.catalogOwner, { sdl: TAKE_PARTNER_NAME, force: { reason: 'we own it now' } });
    expect(forced.body.errors[0].extensions.code).toBe('APPROVAL_REQUIRED');
    expect((await t.api('GET', '/subgraphs/catalog', t.tokens.reader)).body.version).toBe(1);
  });

  it('accepts approvals only from another team\'s owner or an admin; another team\'s approval is not party\'s', async () => {
    expect((await t.api('POST', '/subgraphs/catalog/approvals', t.tokens.reader, { hash: HASH })).status).toBe(403);
    expect((await t.api('POST', '/subgraphs/catalog/approvals', t.tokens.catalogOwner, { hash: HASH })).status).toBe(400);
    expect((await t.api('POST', '/subgraphs/catalog/approvals', partyOwner, { hash: 'abc' })).status).toBe(400);
    expect(await t.api('POST', '/subgraphs/catalog/approvals', t.tokens.billingOwner, { hash: HASH })).toMatchObject({ status: 201, body: { team: 'billing' } });
    expect((await publish(t.tokens.catalogOwner)).body.errors[0].extensions.code).toBe('APPROVAL_REQUIRED');
  });

  it('publishes once party approved that candidate, and records who approved it, and when, in the history', async () => {
    const approved = await t.api('POST', '/subgraphs/catalog/approvals', partyOwner, { hash: HASH });
    expect(approved).toMatchObject({ status: 201, body: { subgraph: 'catalog', hash: HASH, team: 'party', approvedBy: 'party-team' } });
    const published = await publish(t.tokens.catalogOwner);
    expect(published.status).toBe(201);
    const history = await t.api('GET', '/subgraphs/catalog/history', t.tokens.reader);
    expect(history.body.versions[1]).toMatchObject({ version: 2, approvals: [{ team: 'party', approvedBy: 'party-team', hash: HASH, approvedAt: expect.any(String) }] });
    const supergraph = await t.api('GET', '/supergraph', t.tokens.reader);
    expect(supergraph.body.sdl).toMatch(/name: String @join__field\(graph: CATALOG, override: "party"\)/);
    // The approval was used: it is in the version, no longer pending.
    expect((await t.api('GET', `/subgraphs/catalog/approvals?hash=${HASH}`, t.tokens.reader)).body.approvals).toEqual([]);
  });
});
