/**
 * The registry's log: what an operator must see (a store refused or accepted, an unsafe Redis, a request
 * that failed) as structured warnings of the shared logger (contracts/lib/logger.ts), behind the plain
 * `log(line, fields)` function the registry's parts are given (tests pass one that keeps quiet).
 */
import { createLogger, type Logger } from '../contracts/lib/logger.ts';

let logger: Logger | undefined;

/** A failure (fields carry `err`) at error level, anything else at warn level. */
export function registryLog(line: string, fields: Record<string, unknown> = {}): void {
  logger ??= createLogger('registry');
  if ('err' in fields) logger.error(fields, line);
  else logger.warn(fields, line);
}
