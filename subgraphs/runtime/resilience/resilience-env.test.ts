import { describe, expect, it } from 'vitest';
import { resilienceFromEnv } from './resilience-env.ts';
import { RESILIENCE_DEFAULTS } from './resilience-options.ts';

describe('resilienceFromEnv', () => {
  it('keeps the named defaults when the variable is unset', () => {
    expect(resilienceFromEnv({}, 'billing')).toEqual(RESILIENCE_DEFAULTS);
  });

  it('overrides single values from the system variable, then from explicit overrides', () => {
    const env = { PASSERELLE_BILLING_RESILIENCE: '{"breaker":{"consecutiveFailures":3},"bulkhead":{"maxConcurrent":8}}' };
    const options = resilienceFromEnv(env, 'billing', { bulkhead: { maxQueued: 2 } });
    expect(options.breaker).toEqual({ ...RESILIENCE_DEFAULTS.breaker, consecutiveFailures: 3 });
    expect(options.bulkhead).toEqual({ maxConcurrent: 8, maxQueued: 2 });
    expect(Object.isFrozen(options)).toBe(true);
  });

  it('refuses unknown keys, out-of-range values and non-JSON, naming the variable', () => {
    expect(() => resilienceFromEnv({ PASSERELLE_CRM_RESILIENCE: '{"breakr":{}}' }, 'crm')).toThrow(/PASSERELLE_CRM_RESILIENCE/);
    expect(() => resilienceFromEnv({ PASSERELLE_CRM_RESILIENCE: '{"retry":{"maxAttempts":50}}' }, 'crm')).toThrow(/maxAttempts/);
    expect(() => resilienceFromEnv({ PASSERELLE_CRM_RESILIENCE: 'yes' }, 'crm')).toThrow(/JSON/);
  });
});
