/** The command line of `npm run schema -- <command> [options]`, shared by every command. */
import { parseArgs } from 'node:util';
import { CliError, EXIT } from './exit-codes.ts';

export const USAGE = `Usage: npm run schema -- <command> [options]

  check       --subgraph NAME --file SCHEMA.graphql [--routing-url URL]      run the checks, publish nothing
  publish     --subgraph NAME --file SCHEMA.graphql [--routing-url URL] [--force "reason"]
  list                                                                       subgraphs and their current versions
  history     --subgraph NAME                                                every version: who, when, check, diff
  diff        --subgraph NAME [--file SCHEMA.graphql | --from N --to M]      what changed (file: against current)
  rollback    --subgraph NAME --to N [--force "reason"]                      re-publish version N as a new one
  approve     --subgraph NAME (--hash SHA256 | --file SCHEMA.graphql)        approve another team's candidate (owner or admin)
  supergraph  [--version N] [--output FILE]                                  the composed supergraph SDL
  status                                                                     deployed, or published and waiting for deployment
  usage       --field Type.field [--field ...] [--since 30d] [--client NAME]  which clients still read a field (real traffic)
  credentials create --role owner|reader|admin [--subgraph NAME] [--id ID] [--credentials FILE]

  --registry URL (PASSERELLE_REGISTRY_URL; default: the running "npm start" stack's registry, else
    http://127.0.0.1:4200 moved by PASSERELLE_PORT_OFFSET)       --token ID.SECRET (PASSERELLE_REGISTRY_TOKEN)
  --json prints the registry's answer as JSON.  -h, --help prints this text.
  exit codes: 0 ok, 1 check failed or publish refused, 2 usage, 3 registry unreachable or credential refused`;

export function parseCli(argv: string[]) {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        registry: { type: 'string' }, token: { type: 'string' }, subgraph: { type: 'string' }, file: { type: 'string' },
        'routing-url': { type: 'string' }, force: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' },
        version: { type: 'string' }, output: { type: 'string' }, role: { type: 'string' }, id: { type: 'string' },
        credentials: { type: 'string' }, hash: { type: 'string' },
        field: { type: 'string', multiple: true }, since: { type: 'string' }, client: { type: 'string' }, json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false },
      },
    });
    return { values, positionals };
  } catch (error) {
    // One line saying what is wrong, then the usage (never a stack trace).
    throw new CliError(EXIT.usage, `${(error as Error).message.split('\n')[0]}\n\n${USAGE}`);
  }
}

export type CliArgs = ReturnType<typeof parseCli>['values'];

export function required(args: CliArgs, name: 'subgraph' | 'file' | 'to' | 'role'): string {
  const value = args[name];
  if (!value) throw new CliError(EXIT.usage, `--${name} is required.`);
  return value;
}

export function versionNumber(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new CliError(EXIT.usage, `--${name} must be a version number.`);
  return n;
}
