/** Reading a subgraph's settings from the environment: one parser, one error message for all of them. */

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

/** A redis:// or rediss:// URL, or undefined when unset. */
export function redisUrlFromEnv(env: NodeJS.ProcessEnv, ...names: string[]): string | undefined {
  for (const name of names) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    if (!/^rediss?:\/\//.test(raw)) throw new Error(`${name} must be a redis:// URL`);
    return raw;
  }
  return undefined;
}
