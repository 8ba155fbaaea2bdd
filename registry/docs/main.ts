/**
 * `npm run docs`: writes the graph reference (docs/schema.md) from schema/supergraph.graphql.
 * `npm run docs -- --check` writes nothing and exits 1 when the committed reference is stale.
 * Options: --supergraph FILE, --output FILE (defaults: the repository's).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCommandLine } from '../../contracts/lib/cli.ts';
import { renderSchemaDocs } from './render-schema-docs.ts';

const DEFAULT_SUPERGRAPH = fileURLToPath(new URL('../../schema/supergraph.graphql', import.meta.url));
const DEFAULT_OUTPUT = fileURLToPath(new URL('../../docs/schema.md', import.meta.url));

const { values } = parseCommandLine({
  usage: `Usage: npm run docs -- [--check] [--supergraph FILE] [--output FILE]

Writes the graph reference (docs/schema.md) from schema/supergraph.graphql.

  --check            write nothing; exit 1 when the committed reference is stale
  --supergraph FILE  default schema/supergraph.graphql
  --output FILE      default docs/schema.md
  -h, --help         this text`,
  options: {
    supergraph: { type: 'string', default: DEFAULT_SUPERGRAPH },
    output: { type: 'string', default: DEFAULT_OUTPUT },
    check: { type: 'boolean', default: false },
  },
});

const { markdown } = renderSchemaDocs(readFileSync(values.supergraph, 'utf8'));
if (values.check) {
  let committed = '';
  try { committed = readFileSync(values.output, 'utf8'); } catch { /* missing counts as stale */ }
  if (committed !== markdown) {
    console.error(`${values.output} is stale: run "npm run docs" and commit the result.`);
    process.exit(1);
  }
  console.log(`${values.output} is up to date.`);
} else {
  mkdirSync(dirname(values.output), { recursive: true });
  writeFileSync(values.output, markdown);
  console.log(`Wrote ${values.output} from ${values.supergraph}.`);
}
