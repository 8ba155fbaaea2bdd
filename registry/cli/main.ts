#!/usr/bin/env node
/**
 * `npm run schema -- <command>`: the schema registry's CLI for subgraph owners and CI pipelines.
 * Readable output (what changed, what breaks and why), exit codes in exit-codes.ts.
 */
import { serviceUrl } from '../../contracts/lib/stack-addresses.ts';
import { parseCli, USAGE } from './args.ts';
import { approveCommand } from './commands/approve.ts';
import { checkCommand, publishCommand } from './commands/check-publish.ts';
import { credentialsCommand } from './commands/credentials.ts';
import { diffCommand, historyCommand, listCommand, statusCommand, supergraphCommand } from './commands/read-commands.ts';
import { rollbackCommand } from './commands/rollback.ts';
import { fieldUsageCommand } from './commands/usage.ts';
import { CliError, EXIT } from './exit-codes.ts';

const COMMANDS = { check: checkCommand, publish: publishCommand, list: listCommand, history: historyCommand, diff: diffCommand, rollback: rollbackCommand, approve: approveCommand, supergraph: supergraphCommand, status: statusCommand, usage: fieldUsageCommand };

async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCli(argv);
  const [command, action] = positionals;
  const print = (line: string) => console.log(line);
  if (values.help) { console.log(USAGE); return EXIT.ok; }
  if (!command) throw new CliError(EXIT.usage, `which command?\n\n${USAGE}`);
  if (command === 'credentials') return credentialsCommand(action, values, print);
  const handler = COMMANDS[command as keyof typeof COMMANDS];
  if (!handler) throw new CliError(EXIT.usage, `Unknown command "${command}".\n\n${USAGE}`);
  const client = {
    // --registry > PASSERELLE_REGISTRY_URL > the running `npm start` stack > 4200 + PASSERELLE_PORT_OFFSET.
    registry: (() => { try { return serviceUrl('registry', values.registry); } catch (error) { throw new CliError(EXIT.usage, (error as Error).message); } })(),
    token: values.token ?? process.env['PASSERELLE_REGISTRY_TOKEN'],
  };
  if (!URL.canParse(client.registry)) throw new CliError(EXIT.usage, `--registry ${client.registry} is not a URL.`);
  return handler(values, client, print);
}

run(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (error: unknown) => {
    console.error(error instanceof CliError ? `error: ${error.message}` : `error: ${(error as Error).stack ?? String(error)}`);
    process.exitCode = error instanceof CliError ? error.exitCode : EXIT.unreachable;
  },
);
