#!/usr/bin/env node
/**
 * `npm run usage -- report [--client C] [--since 7d]`: the usage KPIs the gateways record, read from the
 * registry's /usage API (the running `npm start` stack's registry unless told otherwise).
 */
import { exitWithUsage, parseCommandLine } from '../../contracts/lib/cli.ts';
import { serviceUrl } from '../../contracts/lib/stack-addresses.ts';
import { fieldUsageCommand, usageReportCommand } from './commands/usage.ts';
import { CliError, EXIT } from './exit-codes.ts';

const USAGE = `Usage: npm run usage -- <command> [options]

  report  [--client NAME] [--since 7d] [--limit 50]    top operations per client version: requests, error rate, p95, last seen
  field   --field Type.field [--since 30d] [--client NAME]   which client versions and operations read a field

  --since: a duration (7d, 12h, 30m) or a date.  --json prints the registry's answer.
  --registry URL (PASSERELLE_REGISTRY_URL; default: the running "npm start" stack's registry)
  --token ID.SECRET (PASSERELLE_REGISTRY_TOKEN: any credential, e.g. the dev reader "npm start" prints)
  exit codes: 0 ok, 2 usage, 3 registry unreachable, credential refused or no usage store`;

const { values, positionals } = parseCommandLine({
  usage: USAGE, allowPositionals: true,
  options: {
    client: { type: 'string' }, since: { type: 'string' }, limit: { type: 'string' }, field: { type: 'string', multiple: true },
    json: { type: 'boolean' }, registry: { type: 'string' }, token: { type: 'string' },
  },
});
const [command] = positionals;
const handler = command === 'report' ? usageReportCommand : command === 'field' ? fieldUsageCommand : null;
if (!handler) exitWithUsage(USAGE, command ? `unknown command "${command}"` : 'which command? (report or field)');
let registry: string;
try { registry = serviceUrl('registry', values.registry); } catch (error) { exitWithUsage(USAGE, (error as Error).message); }
if (!URL.canParse(registry)) exitWithUsage(USAGE, `--registry ${registry} is not a URL.`);

handler(values, { registry, token: values.token ?? process.env['PASSERELLE_REGISTRY_TOKEN'] }, (line) => console.log(line)).then(
  (code) => { process.exitCode = code; },
  (error: unknown) => {
    console.error(`error: ${(error as Error).message}`);
    process.exitCode = error instanceof CliError ? error.exitCode : EXIT.unreachable;
  },
);
