/**
 * A legacy system's policy from its subgraph's environment: one JSON variable per system
 * (`PASSERELLE_BILLING_RESILIENCE='{"breaker":{"consecutiveFailures":3},"bulkhead":{"maxConcurrent":8}}'`)
 * overriding any of the named defaults, validated like every other setting (unknown keys refused), so
 * that nine numbers per system do not become forty-five environment variables.
 */
import { z } from 'zod';
import { ResilienceOptionsSchema, resilienceOptions, type ResilienceOptions } from './resilience-options.ts';

const OverridesSchema = z.strictObject({
  breaker: ResilienceOptionsSchema.shape.breaker.partial().optional(),
  retry: ResilienceOptionsSchema.shape.retry.partial().optional(),
  bulkhead: ResilienceOptionsSchema.shape.bulkhead.partial().optional(),
});

export type ResilienceOverrides = z.infer<typeof OverridesSchema>;

/** The variable naming a system's overrides, e.g. PASSERELLE_BILLING_RESILIENCE. */
export const resilienceVariable = (system: string): string => `PASSERELLE_${system.toUpperCase()}_RESILIENCE`;

/** The system's policy: defaults, then the environment's overrides, then `overrides` (tests, the dev stack). */
export function resilienceFromEnv(env: NodeJS.ProcessEnv, system: string, overrides: ResilienceOverrides = {}): ResilienceOptions {
  const name = resilienceVariable(system);
  const raw = env[name];
  let fromEnv: ResilienceOverrides = {};
  if (raw !== undefined && raw !== '') {
    let parsed: unknown;
    try { parsed = JSON.parse(raw); } catch { throw new Error(`${name} must be a JSON object, got "${raw}"`); }
    const result = OverridesSchema.safeParse(parsed);
    if (!result.success) throw new Error(`${name} is invalid: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    fromEnv = result.data;
  }
  try {
    return resilienceOptions({
      breaker: { ...fromEnv.breaker, ...overrides.breaker },
      retry: { ...fromEnv.retry, ...overrides.retry },
      bulkhead: { ...fromEnv.bulkhead, ...overrides.bulkhead },
    });
  } catch (error) {
    throw new Error(`${name} is invalid: ${(error as Error).message}`);
  }
}
