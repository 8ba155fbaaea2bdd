/** Reading a subgraph's settings from the environment: one parser, one error message for all of them. */
import { isRedisUrl } from '../../contracts/lib/redis-connection.ts';

/** A positive integer variable, or the fallback when unset; anything else stops the start-up, naming it. */
export function positiveIntFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return value;
}

/** A non-negative integer variable (0 allowed, e.g. a cache time to live that turns caching off). */
export function nonNegativeIntFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return value;
}

/** A Redis URL (redis://, rediss://, redis-sentinel://, redis-cluster://), or undefined when unset. */
export function redisUrlFromEnv(env: NodeJS.ProcessEnv, ...names: string[]): string | undefined {
  for (const name of names) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    if (!isRedisUrl(raw)) throw new Error(`${name} must be a redis://, rediss://, redis-sentinel:// or redis-cluster:// URL`);
    return raw;
  }
  return undefined;
}
