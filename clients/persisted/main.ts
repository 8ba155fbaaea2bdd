/**
 * `npm run persisted`: writes clients/<channel>/persisted-query-manifest.json for every channel with
 * operations, each operation validated against the committed supergraph.
 * `npm run persisted -- --check` writes nothing and exits 1 when a manifest is stale or missing.
 * Exit codes: 0 written (or up to date), 1 stale (--check), 2 an operation does not validate.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { InvalidOperationsError } from './build-manifest.ts';
import { generateManifests, type GeneratedManifest } from './generate.ts';
import { parseCommandLine } from '../../contracts/lib/cli.ts';
import { CLIENTS_ROOT } from '../../contracts/manifest-files.ts';

const { values } = parseCommandLine({
  usage: `Usage: npm run persisted -- [--check] [--clients DIR] [--supergraph FILE]

Writes clients/<channel>/persisted-query-manifest.json for every channel with operations, each operation
validated against the committed supergraph.

  --check            write nothing; exit 1 when a manifest is stale or missing
  --clients DIR      the clients folder (default clients/)
  --supergraph FILE  the supergraph to validate against (default schema/supergraph.graphql)
  -h, --help         this text
Exit codes: 0 written (or up to date), 1 stale (--check), 2 an operation does not validate or a wrong flag.`,
  options: {
    clients: { type: 'string', default: CLIENTS_ROOT },
    supergraph: { type: 'string', default: fileURLToPath(new URL('../../schema/supergraph.graphql', import.meta.url)) },
    check: { type: 'boolean', default: false },
  },
});

let manifests: GeneratedManifest[];
try {
  manifests = generateManifests(values.clients, readFileSync(values.supergraph, 'utf8'));
} catch (error) {
  if (!(error instanceof InvalidOperationsError)) throw error;
  console.error(error.message);
  process.exit(2);
}

const current = (path: string): string => { try { return readFileSync(path, 'utf8'); } catch { return ''; } };
if (values.check) {
  const stale = manifests.filter((m) => current(m.path) !== m.json);
  for (const m of stale) console.error(`${m.path} is stale: run "npm run persisted" and commit the result.`);
  if (stale.length > 0) process.exit(1);
  console.log(`Persisted query manifests are up to date (${manifests.map((m) => m.channel).join(', ')}).`);
} else {
  for (const m of manifests) {
    writeFileSync(m.path, m.json);
    console.log(`${m.channel}: ${m.operationCount} operations -> ${m.path}`);
  }
}
