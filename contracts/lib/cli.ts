/**
 * One command-line contract for every Passerelle CLI (issue 11, "the first hour"): `--help`/`-h` prints
 * the usage and exits 0; an unknown flag or a missing value prints one line and the usage and exits 2,
 * never a stack trace. A thin layer over node:util parseArgs, so each CLI keeps its own option table.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** Exit code of a wrong command line, the same in every CLI. */
export const USAGE_EXIT = 2;

type Options = NonNullable<ParseArgsConfig['options']>;
interface CliSpec<O extends Options, P extends boolean> {
  /** The full usage text, starting with "Usage:". */
  usage: string;
  options: O;
  allowPositionals?: P;
  /** Default: process.argv.slice(2). */
  args?: string[];
}

/** Prints one error line and the usage on stderr and exits 2. */
export function exitWithUsage(usage: string, message: string): never {
  console.error(`error: ${message}\n\n${usage}`);
  process.exit(USAGE_EXIT);
}

/** parseArgs with `--help`/`-h` answered and every parse error turned into `exitWithUsage`. */
export function parseCommandLine<O extends Options, P extends boolean = false>(spec: CliSpec<O, P>) {
  const args = spec.args ?? process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log(spec.usage);
    process.exit(0);
  }
  try {
    return parseArgs({ args, options: spec.options, allowPositionals: (spec.allowPositionals ?? false) as P, strict: true });
  } catch (error) {
    // parseArgs's messages are already one readable line ("Unknown option '--x'. ...").
    return exitWithUsage(spec.usage, (error as Error).message.split('\n')[0] ?? String(error));
  }
}

/** The value of `read()`, or its error as a usage error (e.g. a wrong PASSERELLE_PORT_OFFSET): never a stack trace. */
export function orUsageError<T>(usage: string, read: () => T): T {
  try { return read(); } catch (error) { return exitWithUsage(usage, (error as Error).message); }
}
