/**
 * One way for every subgraph to take its settings (each domain's config.ts): a strict zod schema (an
 * unknown key is refused, so a typo never falls back to a default in silence), the environment read once
 * into it, the result validated and frozen. A bad value stops the start-up with an error naming the
 * variable it came from, rather than failing at the first request.
 */
import { z } from 'zod';
import { isRedisUrl } from '../../../contracts/lib/redis-connection.ts';

/** Where one setting comes from: the first of its variables that is set, read as text or as an integer. */
export interface EnvVariable { readonly names: readonly string[]; readonly kind: 'text' | 'int' | 'json' }
/** A config's settings mapped to their variables, nested as the config is. */
export type EnvMap = { readonly [key: string]: EnvVariable | EnvMap };

export const textVar = (...names: string[]): EnvVariable => Object.freeze({ names, kind: 'text' as const });
export const intVar = (...names: string[]): EnvVariable => Object.freeze({ names, kind: 'int' as const });
/** A JSON object (a structured setting such as a legacy system's resilience overrides). */
export const jsonVar = (...names: string[]): EnvVariable => Object.freeze({ names, kind: 'json' as const });

/** Building blocks of the subgraphs' schemas, with the messages start-up errors show. */
export const positiveInt = z.int({ error: 'must be a positive integer' }).positive({ error: 'must be a positive integer' });
export const nonNegativeInt = z.int({ error: 'must be a non-negative integer' }).nonnegative({ error: 'must be a non-negative integer' });
/** An http(s) base URL, without its trailing slashes (paths are appended to it). */
export const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).transform((url) => url.replace(/\/+$/, ''));
export const redisUrl = z.string().refine(isRedisUrl, { error: 'must be a redis://, rediss://, redis-sentinel:// or redis-cluster:// URL' });

export class ConfigError extends Error {}

const isVariable = (entry: EnvVariable | EnvMap): entry is EnvVariable => Array.isArray((entry as EnvVariable).names);

/** The set variables of `map`, as the config's input; `sources` learns which variable gave each path. */
function readEnv(env: NodeJS.ProcessEnv, map: EnvMap, path: string[], sources: Map<string, string>): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(map)) {
    if (!isVariable(entry)) {
      const nested = readEnv(env, entry, [...path, key], sources);
      if (Object.keys(nested).length > 0) input[key] = nested;
      continue;
    }
    const name = entry.names.find((n) => env[n] !== undefined && env[n] !== '');
    if (name === undefined) continue;
    const raw = env[name] as string;
    // Not digits: kept as text, which the schema refuses with the variable's name.
    input[key] = entry.kind === 'int' && /^-?\d+$/.test(raw.trim()) ? Number(raw) : entry.kind === 'json' ? parseJsonOr(raw) : raw;
    sources.set([...path, key].join('.'), `${name}="${raw}"`);
  }
  return input;
}

/** Not JSON: kept as text, which the schema refuses with the variable's name. */
function parseJsonOr(raw: string): unknown {
  try { return JSON.parse(raw); } catch { return raw; }
}

/** `over` laid on `base`, nested objects merged; undefined in `over` leaves `base` as it is. */
function merge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out = { ...base };
  for (const [key, value] of Object.entries(over)) {
    if (value === undefined) continue;
    const current = out[key];
    const both = [current, value].every((v) => v !== null && typeof v === 'object' && !Array.isArray(v));
    out[key] = both ? merge(current as Record<string, unknown>, value as Record<string, unknown>) : value;
  }
  return out;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

function parse<S extends z.ZodType>(subgraph: string, schema: S, input: unknown, sources = new Map<string, string>()): Readonly<z.output<S>> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const path = issue.path.join('.');
      // A JSON variable's inner value is named by the variable, then the path inside it.
      for (let n = issue.path.length; n > 0; n -= 1) {
        const source = sources.get(issue.path.slice(0, n).join('.'));
        if (source) return `  - ${source}${n < issue.path.length ? ` at ${issue.path.slice(n).join('.')}` : ''}: ${issue.message}`;
      }
      return `  - ${path || '(root)'}: ${issue.message}`;
    });
    throw new ConfigError(`Invalid ${subgraph} subgraph configuration:\n${lines.join('\n')}`);
  }
  return deepFreeze(parsed.data);
}

/** A subgraph's config from an object (tests, programmatic use): validated, defaults applied, frozen. */
export function loadConfig<S extends z.ZodType>(subgraph: string, schema: S, input: z.input<S>): Readonly<z.output<S>> {
  return parse(subgraph, schema, input);
}

/** A subgraph's config from the environment, read once; `overrides` (e.g. the dev stack's URLs) win. */
export function configFromEnv<S extends z.ZodType>(
  subgraph: string, schema: S, map: EnvMap, env: NodeJS.ProcessEnv, overrides?: z.input<S>,
): Readonly<z.output<S>> {
  const sources = new Map<string, string>();
  const fromEnv = readEnv(env, map, [], sources);
  // A value an override replaced did not come from its variable: errors name its path instead.
  for (const path of [...sources.keys()]) {
    const overridden = path.split('.').reduce<unknown>((at, key) => (at as Record<string, unknown> | undefined)?.[key], overrides);
    if (overridden !== undefined) sources.delete(path);
  }
  return parse(subgraph, schema, merge(fromEnv, (overrides ?? {}) as Record<string, unknown>), sources);
}
