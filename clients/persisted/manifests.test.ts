import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadChannelManifests } from '../../gateway/persisted/load-manifests.ts';
import { MANIFEST_FORMAT, operationId } from '../../contracts/manifest-format.ts';
import { loadClientOperations } from '../operations.ts';
import { InvalidOperationsError } from './build-manifest.ts';
import { generateManifests } from './generate.ts';
import { CLIENTS_ROOT, manifestFilesOf } from '../../contracts/manifest-files.ts';

const supergraphSdl = readFileSync(new URL('../../schema/supergraph.graphql', import.meta.url), 'utf8');

/** A clients/ directory of its own: { channel: { FileName: source } }. */
function clientsDir(channels: Record<string, Record<string, string>>): string {
  const root = mkdtempSync(join(tmpdir(), 'passerelle-clients-'));
  for (const [channel, files] of Object.entries(channels)) {
    mkdirSync(join(root, channel, 'operations'), { recursive: true });
    for (const [name, source] of Object.entries(files)) writeFileSync(join(root, channel, 'operations', `${name}.graphql`), source);
  }
  return root;
}

function problemsOf(root: string): string[] {
  try {
    generateManifests(root, supergraphSdl);
  } catch (error) {
    if (error instanceof InvalidOperationsError) return error.problems;
    throw error;
  }
  return [];
}

describe('the committed manifests', () => {
  const generated = generateManifests(CLIENTS_ROOT, supergraphSdl);

  it.each(generated.map((m) => [m.channel, m] as const))('%s is identical to a fresh generation (run "npm run persisted" after changing an operation)', (_channel, manifest) => {
    expect(readFileSync(manifest.path, 'utf8')).toBe(manifest.json);
  });

  it('exist for mobile and web, and hold every operation of their channel under the SHA-256 of its body', () => {
    expect(generated.map((m) => m.channel)).toEqual(['mobile', 'partner', 'web']);
    const manifests = loadChannelManifests(manifestFilesOf());
    for (const op of loadClientOperations()) {
      const manifest = JSON.parse(readFileSync(join(CLIENTS_ROOT, op.channel, 'persisted-query-manifest.json'), 'utf8'));
      expect(manifest).toMatchObject({ format: MANIFEST_FORMAT, version: 1 });
      const entry = manifest.operations.find((o: { name: string }) => o.name === op.name);
      expect(entry).toMatchObject({ id: operationId(entry.body), type: op.document.definitions[0]?.kind === 'OperationDefinition' ? op.document.definitions[0].operation : '' });
      expect(manifests[op.channel as 'mobile' | 'web'].get(entry.id)).toBe(entry.body);
    }
  });
});

describe('generating a manifest', () => {
  it('prints bodies without comments or formatting, sorted by name, with ids stable across layout changes', () => {
    const tidy = generateManifests(clientsDir({ web: { B: 'query B { categories { id } }', A: '# the menu\nquery A {\n    categories { id name }\n}' } }), supergraphSdl);
    const messy = generateManifests(clientsDir({ web: { B: 'query B{categories{id}}', A: 'query   A { categories { id, name } }' } }), supergraphSdl);
    expect(messy[0]?.json).toBe(tidy[0]?.json);
    const manifest = JSON.parse(tidy[0]?.json ?? '');
    expect(manifest.operations.map((o: { name: string }) => o.name)).toEqual(['A', 'B']);
    expect(manifest.operations[0]).toEqual({ id: operationId('query A {\n  categories {\n    id\n    name\n  }\n}'), name: 'A', type: 'query', body: 'query A {\n  categories {\n    id\n    name\n  }\n}' });
  });

  it('fails naming each operation that does not validate against the supergraph, and its file', () => {
    const problems = problemsOf(clientsDir({
      mobile: { Good: 'query Good { categories { id } }', Broken: 'query Broken { me { shoeSize } }' },
      web: { AlsoBroken: 'query AlsoBroken($id: ID!) { productOffering(id: $id) { nope } }' },
    }));
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^Operation Broken \(mobile\/operations\/Broken\.graphql\) does not validate against the supergraph: Cannot query field "shoeSize"/);
    expect(problems[1]).toMatch(/^Operation AlsoBroken \(web\/operations\/AlsoBroken\.graphql\)/);
  });

  it('fails on syntax errors, anonymous or several operations, duplicate names and unknown channels', () => {
    expect(problemsOf(clientsDir({ web: { Bad: 'query Bad {' } }))[0]).toMatch(/^web\/operations\/Bad\.graphql is not valid GraphQL: Syntax Error/);
    expect(problemsOf(clientsDir({ web: { Anon: '{ categories { id } }' } }))[0]).toMatch(/Anon\.graphql: the operation has no name/);
    expect(problemsOf(clientsDir({ web: { Two: 'query A { categories { id } } query B { categories { id } }' } }))[0]).toMatch(/exactly one operation \(found 2\)/);
    expect(problemsOf(clientsDir({ web: { One: 'query Same { categories { id } }', Two: 'query Same { categories { name } }' } }))[0]).toMatch(/Same is used twice in web/);
    expect(problemsOf(clientsDir({ kiosk: { A: 'query A { categories { id } }' } }))[0]).toMatch(/"kiosk" is not a channel/);
  });
});
