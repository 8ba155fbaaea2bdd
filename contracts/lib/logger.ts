/**
 * The one way every Passerelle process logs (gateway, subgraphs, registry, identity provider, stand-ins,
 * `npm start`): pino, one JSON object a line in production, readable lines in development (pino-pretty,
 * a devDependency, as a worker-thread transport: it is only resolved, never imported, so the compiled
 * production build runs without it), nothing in tests unless asked. Levels: PASSERELLE_LOG_LEVEL (default
 * info; silent when NODE_ENV=test). Secrets and personal data are redacted (log-redaction.ts) from fields
 * by name, and from messages and errors by shape. docs/logging.md says what each line holds.
 */
import { createRequire } from 'node:module';
import { pino, stdSerializers, type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { redactFields, scrubText } from './log-redaction.ts';

export type { Logger };

export const LOG_LEVEL_ENV = 'PASSERELLE_LOG_LEVEL';
/** `json` or `pretty`: overrides the format NODE_ENV chooses (pretty needs pino-pretty installed). */
export const LOG_FORMAT_ENV = 'PASSERELLE_LOG_FORMAT';
const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export interface LoggerSettings {
  /** Default: PASSERELLE_LOG_LEVEL, else info (silent when NODE_ENV=test). */
  level?: string;
  /** Where lines go (tests capture them here); default stdout. Always JSON. */
  destination?: DestinationStream;
  env?: NodeJS.ProcessEnv;
}

/** The configured level; an unknown one falls back to info (and says so once the logger exists). */
export function logLevel(env: NodeJS.ProcessEnv = process.env): { level: string; unknown?: string } {
  const configured = env[LOG_LEVEL_ENV]?.trim().toLowerCase();
  if (configured && (LEVELS as readonly string[]).includes(configured)) return { level: configured };
  const fallback = env['NODE_ENV'] === 'test' ? 'silent' : 'info';
  return configured ? { level: fallback, unknown: configured } : { level: fallback };
}

/** Whether pino-pretty can be loaded (a devDependency: absent from a production install). */
function prettyInstalled(): boolean {
  try {
    createRequire(import.meta.url).resolve('pino-pretty');
    return true;
  } catch {
    return false;
  }
}

/** JSON in production and tests (and whenever pino-pretty is absent), pretty in development. */
export function logFormat(env: NodeJS.ProcessEnv = process.env, installed = prettyInstalled): 'json' | 'pretty' {
  const format = env[LOG_FORMAT_ENV]?.trim().toLowerCase();
  if (format === 'json') return 'json';
  if (format !== 'pretty' && (env['NODE_ENV'] === 'production' || env['NODE_ENV'] === 'test')) return 'json';
  return installed() ? 'pretty' : 'json';
}

/** Errors keep their type, code and stack, with token-looking text scrubbed from message and stack. */
function serializeError(error: unknown): unknown {
  if (!(error instanceof Error)) return typeof error === 'string' ? scrubText(error) : error;
  const serialized = stdSerializers.err(error);
  serialized.message = scrubText(serialized.message);
  if (serialized.stack) serialized.stack = scrubText(serialized.stack);
  return serialized;
}

function options(level: string, pretty: boolean): LoggerOptions {
  return {
    level,
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    serializers: { err: serializeError, error: serializeError },
    formatters: {
      // Secrets and personal data by field name, before anything is written.
      log: (object: Record<string, unknown>) => redactFields(object),
      // Level names ("info") rather than numbers in JSON: what log platforms and people read.
      ...(pretty ? {} : { level: (label: string) => ({ level: label }) }),
    },
    hooks: {
      // Messages are free text: a token pasted into one would escape the field-name redaction.
      logMethod(args, method) {
        const [first, ...rest] = args as unknown[];
        // log.error(error): pino would copy its message, unscrubbed, into msg.
        const all = first instanceof Error ? [{ err: first }, ...(rest.length > 0 ? rest : [first.message])] : args;
        const scrubbed = all.map((arg) => (typeof arg === 'string' ? scrubText(arg) : arg));
        return method.apply(this, scrubbed as Parameters<typeof method>);
      },
    },
    ...(pretty ? { transport: { target: 'pino-pretty', options: { colorize: true, singleLine: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' } } } : {}),
  };
}

/** A logger of its own (not the process's shared one), e.g. writing to a test's stream. */
export function buildLogger(settings: LoggerSettings = {}): Logger {
  const env = settings.env ?? process.env;
  const { level, unknown } = settings.level ? { level: settings.level, unknown: undefined } : logLevel(env);
  const logger = settings.destination
    ? pino(options(level, false), settings.destination)
    : pino(options(level, logFormat(env) === 'pretty'));
  if (unknown) logger.warn({ configured: unknown }, `${LOG_LEVEL_ENV}=${unknown} is not a level (fatal, error, warn, info, debug, trace, silent): logging at ${level}`);
  return logger;
}

let shared: Logger | undefined;

/** The process's logger for one component ("gateway", "subgraph.party", "registry"...): every line says which. */
export function createLogger(component: string, settings?: LoggerSettings): Logger {
  if (settings) return buildLogger(settings).child({ component });
  shared ??= buildLogger();
  return shared.child({ component });
}
