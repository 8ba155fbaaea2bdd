/**
 * `npm run compose`: composes the subgraphs of schema/supergraph.yaml into schema/supergraph.graphql.
 * `npm run compose -- --check` writes nothing and exits 1 when the committed supergraph is stale.
 * Exit codes: 0 composed (or up to date), 1 stale (--check), 2 composition errors.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseCommandLine } from '../contracts/lib/cli.ts';
import { composeSubgraphs } from './composition/compose.ts';
import { readSupergraphConfig } from './composition/supergraph-config.ts';

const { values } = parseCommandLine({
  usage: `Usage: npm run compose -- [--check] [--config FILE] [--output FILE]

Composes the subgraphs of schema/supergraph.yaml into schema/supergraph.graphql.

  --check          write nothing; exit 1 when the committed supergraph is stale
  --config FILE    default schema/supergraph.yaml
  --output FILE    default schema/supergraph.graphql
  -h, --help       this text
Exit codes: 0 composed (or up to date), 1 stale (--check), 2 composition errors or a wrong flag.`,
  options: {
    config: { type: 'string', default: fileURLToPath(new URL('supergraph.yaml', import.meta.url)) },
    output: { type: 'string', default: fileURLToPath(new URL('supergraph.graphql', import.meta.url)) },
    check: { type: 'boolean', default: false },
  },
});

const subgraphs = readSupergraphConfig(values.config);
const result = composeSubgraphs(subgraphs);
for (const hint of result.hints) console.warn(`hint  ${hint}`);
if (!result.supergraphSdl) {
  console.error(`Composition failed with ${result.errors.length} error(s):`);
  for (const error of result.errors) console.error(`error ${error}`);
  process.exit(2);
}
if (values.check) {
  let current = '';
  try { current = readFileSync(values.output, 'utf8'); } catch { /* missing counts as stale */ }
  if (current !== result.supergraphSdl) {
    console.error(`${values.output} is stale: run "npm run compose" and commit the result.`);
    process.exit(1);
  }
  console.log(`${values.output} is up to date (${subgraphs.length} subgraphs).`);
} else {
  writeFileSync(values.output, result.supergraphSdl);
  console.log(`Composed ${subgraphs.map((s) => s.name).join(', ')} into ${values.output} (${result.hints.length} hints).`);
}
