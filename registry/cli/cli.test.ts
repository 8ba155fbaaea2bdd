/** The CLI, spawned as CI would run it, against a started registry: readable output and exit codes. */
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCredential, readCredentials } from '../credentials/credentials-file.ts';
import { catalogWithField, NAME_FIELD, replacingOnce, startTestRegistry, type TestRegistry } from '../registry-test-support.ts';

let t: TestRegistry;
beforeAll(async () => { t = await startTestRegistry(); });
afterAll(async () => { await t?.stop(); });

interface Run { code: number; stdout: string; stderr: string }

function schema(args: string[], token: string | null = t.tokens.catalogOwner, registry = t.registry.url): Promise<Run> {
  const env = { ...process.env, PASSERELLE_REGISTRY_URL: registry, PASSERELLE_REGISTRY_TOKEN: token ?? '' };
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'registry/cli/main.ts', ...args], { env, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

async function schemaFile(name: string, sdl: string): Promise<string> {
  const path = join(t.dir, name);
  await writeFile(path, sdl);
  return path;
}

describe('npm run schema', () => {
  it('check: exit 1 naming the broken mobile operation and why; exit 0 for an additive change', async () => {
    const broken = await schemaFile('broken.graphql', replacingOnce(catalogWithField('tagline'), NAME_FIELD, ''));
    const failed = await schema(['check', '--subgraph', 'catalog', '--file', broken]);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain('- ProductOffering.name');
    expect(failed.stdout).toContain('ProductOffering.name was removed.');
    expect(failed.stdout).toMatch(/AccountHome of passerelle-mobile .* \(mobile channel\)\n\s+why: Cannot query field "name" on type "ProductOffering"\./);
    expect(failed.stdout).toMatch(/Check: FAILED$/m);
    const fine = await schema(['check', '--subgraph', 'catalog', '--file', await schemaFile('ok.graphql', catalogWithField('tagline'))]);
    expect(fine.code).toBe(0);
    expect(fine.stdout).toContain('+ ProductOffering.tagline');
    expect(fine.stdout).toMatch(/Client operations: none broken\.[\s\S]*Check: PASSED/);
  });

  it('publish: 0 when published, 1 when refused, 0 when forced with its reason shown', async () => {
    const published = await schema(['publish', '--subgraph', 'catalog', '--file', join(t.dir, 'ok.graphql')]);
    expect(published.code).toBe(0);
    expect(published.stdout).toMatch(/^Published catalog version 2 by catalog-team; supergraph version 6/);
    const refused = await schema(['publish', '--subgraph', 'catalog', '--file', join(t.dir, 'broken.graphql')]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/^REFUSED: catalog was not published/);
    expect(refused.stdout).toContain('AccountHome of passerelle-mobile');
    const forced = await schema(['publish', '--subgraph', 'catalog', '--file', join(t.dir, 'broken.graphql'), '--force', 'mobile 1.x is retired']);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain('FORCED past a failing check; reason recorded: "mobile 1.x is retired"');
  });

  it('list, history, diff, rollback, supergraph', async () => {
    const list = await schema(['list'], t.tokens.reader);
    expect(list.stdout).toMatch(/^catalog\s+3\s+http:\/\/127\.0\.0\.1:4002\/graphql\s+catalog-team/m);
    const history = await schema(['history', '--subgraph', 'catalog'], t.tokens.reader);
    expect(history.stdout).toMatch(/^3\s+\S+\s+catalog-team\s+FORCED: mobile 1\.x is retired\s+\+0 -1 ~0/m);
    const diff = await schema(['diff', '--subgraph', 'catalog', '--from', '1', '--to', '2'], t.tokens.reader);
    expect(diff.stdout).toBe('catalog: version 1 -> 2\n+ ProductOffering.tagline\n');
    const rollback = await schema(['rollback', '--subgraph', 'catalog', '--to', '2']);
    expect(rollback.code).toBe(0);
    expect(rollback.stdout).toMatch(/^Published catalog version 4 \(a rollback to version 2\)/);
    const out = join(t.dir, 'supergraph.graphql');
    const supergraph = await schema(['supergraph', '--output', out], t.tokens.reader);
    expect(supergraph.stdout).toMatch(/^Wrote supergraph version 8/);
    expect(await readFile(out, 'utf8')).toMatch(/tagline: String/);
  });

  it('exit 3 when the registry is unreachable, the token missing or wrong, or the owner not allowed', async () => {
    const [none, wrong, other, down] = await Promise.all([
      schema(['list'], null),
      schema(['list'], `${t.tokens.reader}x`),
      schema(['publish', '--subgraph', 'billing', '--file', join(t.dir, 'ok.graphql')]),
      schema(['list'], t.tokens.reader, 'http://127.0.0.1:1'),
    ]);
    expect([none.code, none.stderr]).toEqual([3, expect.stringMatching(/No registry credential/)]);
    expect([wrong.code, wrong.stderr]).toEqual([3, expect.stringMatching(/refused the credential/)]);
    expect([other.code, other.stderr]).toEqual([3, expect.stringMatching(/catalog-team may not publish billing/)]);
    expect([down.code, down.stderr]).toEqual([3, expect.stringMatching(/Cannot reach the registry/)]);
  });

  it('exit 2 for usage errors: unknown command or option, missing file or argument, unknown version', async () => {
    const runs = await Promise.all([
      schema(['frobnicate']),
      schema(['list', '--colour']),
      schema(['check', '--subgraph', 'catalog']),
      schema(['check', '--subgraph', 'catalog', '--file', join(t.dir, 'missing.graphql')]),
      schema(['rollback', '--subgraph', 'catalog', '--to', '99']),
    ]);
    expect(runs.map((r) => r.code)).toEqual([2, 2, 2, 2, 2]);
    expect(runs[2]!.stderr).toMatch(/--file is required/);
    expect(runs[4]!.stderr).toMatch(/catalog has no version 99/);
  });

  it('credentials create prints a new token once and stores only its hash', async () => {
    const file = join(t.dir, 'cli-credentials.json');
    const created = await schema(['credentials', 'create', '--role', 'owner', '--subgraph', 'catalog', '--credentials', file], null);
    expect(created.code).toBe(0);
    const token = created.stdout.trim().split('\n').at(-1)!;
    expect(token).toMatch(/^catalog-owner-[0-9a-f]{6}\.[\w-]{43}$/);
    const [entry] = await readCredentials(file);
    expect(entry).toMatchObject({ role: 'owner', subgraph: 'catalog', id: token.split('.')[0] });
    expect(await readFile(file, 'utf8')).not.toContain(token.split('.')[1]);
    expect((await schema(['credentials', 'create', '--role', 'owner', '--credentials', file], null)).code).toBe(2);
  });

  it('approve: check names the approval a cross-team change needs, publish is refused (1) until the owning team approves', async () => {
    const party = (await createCredential(join(t.dir, 'credentials.json'), { role: 'owner', subgraph: 'party', id: 'party-team' })).token;
    const current = (await t.api('GET', '/subgraphs/catalog', t.tokens.reader)).body.sdl as string;
    const partner = '\n"A partner, as the catalogue knows it."\ntype Partner @key(fields: "id") @public {\n  "The partner id."\n  id: ID!\n  "The trade name."\n  name: String @override(from: "party")\n}\n';
    const file = await schemaFile('partner.graphql', replacingOnce(current, 'import: ["@key", ', 'import: ["@key", "@override", ') + partner);
    const check = await schema(['check', '--subgraph', 'catalog', '--file', file]);
    expect(check.stdout).toMatch(/Needs the approval of the owning team \(or an admin\):\n  party: .*Partner\.name \(@override from party\)/);
    expect(check.stdout).toMatch(/To approve this candidate: npm run schema -- approve --subgraph catalog --hash [0-9a-f]{64}$/m);
    const refused = await schema(['publish', '--subgraph', 'catalog', '--file', file]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/^REFUSED: catalog was not published\. catalog changes what party own\(s\)/);
    const approved = await schema(['approve', '--subgraph', 'catalog', '--file', file], party);
    expect(approved.code).toBe(0);
    expect(approved.stdout).toMatch(/^Approved catalog candidate [0-9a-f]{64} for party \(by party-team/);
    const published = await schema(['publish', '--subgraph', 'catalog', '--file', file]);
    expect(published.code).toBe(0);
    expect(published.stdout).toMatch(/^Approved by party-team for party at /m);
    const history = await schema(['history', '--subgraph', 'catalog'], t.tokens.reader);
    expect(history.stdout).toMatch(/^5\s.*approved by party-team \(party\) \d{4}-/m);
  });
});
