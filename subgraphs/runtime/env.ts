/** Reading a subgraph's settings from the environment: one parser, one error message for all of them. */

/** A positive integer variable, or the fallback when unset; anything else stops the start-up, naming it. */
export function positiveIntFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return value;
}
