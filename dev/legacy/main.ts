/**
 * `npm run legacy -- [system ...] [--port N]`: runs stand-ins on their own (all of them by default,
 * each on its default port; --port only with a single system).
 */
import { exitWithUsage, orUsageError, parseCommandLine } from '../../contracts/lib/cli.ts';
import { offsetPort } from '../../contracts/lib/stack-addresses.ts';
import type { LegacySystem } from '../../subgraphs/registry.ts';
import { LEGACY_SYSTEMS } from './systems.ts';

const USAGE = `Usage: npm run legacy -- [${Object.keys(LEGACY_SYSTEMS).join('|')} ...] [--port N]

Runs legacy stand-ins on their own: all of them by default, each on its default port (moved by
PASSERELLE_PORT_OFFSET).

  --port N     the port (one system only)
  -h, --help   this text`;

const { values, positionals } = parseCommandLine({ usage: USAGE, options: { port: { type: 'string' } }, allowPositionals: true });
const names = (positionals.length > 0 ? positionals : Object.keys(LEGACY_SYSTEMS)) as LegacySystem[];
const unknown = names.filter((n) => !(n in LEGACY_SYSTEMS));
if (unknown.length > 0) exitWithUsage(USAGE, `unknown system ${unknown.join(', ')}.`);
if (values.port && names.length !== 1) exitWithUsage(USAGE, '--port needs exactly one system.');
const handles = await Promise.all(names.map((name) => LEGACY_SYSTEMS[name].start({ port: Number(values.port ?? orUsageError(USAGE, () => offsetPort(LEGACY_SYSTEMS[name].defaultPort))) })));
for (const h of handles) console.log(`${h.system.padEnd(10)} ${h.url}   (stats: ${h.url}/__admin/stats, knobs: PUT ${h.url}/__admin/knobs)`);
const stop = () => { Promise.all(handles.map((h) => h.close())).then(() => process.exit(0)); };
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
