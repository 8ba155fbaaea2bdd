/**
 * `npm run subgraph -- <name> [--port N]`: serves one domain subgraph on its own.
 * Needs PASSERELLE_INTERNAL_PUBLIC_KEY_FILE (the gateway's internal-token public key, PEM); the legacy
 * URL comes from the subgraph's own variable (PASSERELLE_CRM_URL, ...).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { SUBGRAPHS, SUBGRAPH_NAMES, type SubgraphName } from './registry.ts';
import { startSubgraph } from './runtime/serve.ts';

const { values, positionals } = parseArgs({ options: { port: { type: 'string' } }, allowPositionals: true });
const name = positionals[0] as SubgraphName | undefined;
if (!name || !SUBGRAPH_NAMES.includes(name)) {
  console.error(`Usage: npm run subgraph -- <${SUBGRAPH_NAMES.join('|')}> [--port N]`);
  process.exit(2);
}
const keyFile = process.env['PASSERELLE_INTERNAL_PUBLIC_KEY_FILE'];
if (!keyFile) {
  console.error('PASSERELLE_INTERNAL_PUBLIC_KEY_FILE must name the gateway\'s internal-token public key (PEM).');
  process.exit(2);
}
const entry = SUBGRAPHS[name];
const running = await startSubgraph(entry.build(process.env), {
  port: Number(values.port ?? entry.defaultPort),
  internalTokenPublicKey: readFileSync(keyFile, 'utf8'),
});
console.log(`Subgraph ${name} at ${running.url}`);
const stop = () => { running.stop().then(() => process.exit(0)); };
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
