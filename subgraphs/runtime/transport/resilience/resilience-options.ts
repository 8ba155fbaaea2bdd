/**
 * How each legacy system is protected, with named defaults. The defaults suit a system of record that
 * answers in tens of milliseconds when healthy: they are overridden per system in its subgraph's config.
 */
import { z } from 'zod';

export const ResilienceOptionsSchema = z.strictObject({
  breaker: z.strictObject({
    /** Consecutive failures that open the breaker (a system that just died). */
    consecutiveFailures: z.number().int().min(1),
    /** Failure ratio over the window that opens it (a system failing often under load). */
    failureRate: z.number().gt(0).lt(1),
    windowMs: z.number().int().min(1_000),
    /** Calls per second under which the ratio is not judged. */
    minimumRps: z.number().min(0),
    /** How long it stays open before one probe call is let through (half-open). */
    halfOpenAfterMs: z.number().int().min(100),
  }),
  retry: z.strictObject({
    /** First attempt included. */
    maxAttempts: z.number().int().min(1).max(5),
    baseDelayMs: z.number().int().min(1),
    maxDelayMs: z.number().int().min(1),
    /** Retries may add at most this fraction of the calls made over the window (20 %: Envoy's default budget). */
    budgetRatio: z.number().min(0).max(1),
    budgetMinPerWindow: z.number().int().min(0),
    budgetWindowMs: z.number().int().min(1_000),
  }),
  bulkhead: z.strictObject({
    maxConcurrent: z.number().int().min(1),
    /** Calls waiting for a slot; beyond them a call is refused at once (UPSTREAM_OVERLOADED). */
    maxQueued: z.number().int().min(0),
  }),
});

export type ResilienceOptions = z.infer<typeof ResilienceOptionsSchema>;

export const RESILIENCE_DEFAULTS: ResilienceOptions = Object.freeze({
  breaker: Object.freeze({ consecutiveFailures: 5, failureRate: 0.5, windowMs: 10_000, minimumRps: 2, halfOpenAfterMs: 5_000 }),
  retry: Object.freeze({ maxAttempts: 3, baseDelayMs: 25, maxDelayMs: 250, budgetRatio: 0.2, budgetMinPerWindow: 3, budgetWindowMs: 10_000 }),
  bulkhead: Object.freeze({ maxConcurrent: 32, maxQueued: 64 }),
}) as ResilienceOptions;

/**
 * What a subgraph's config may override, any value of any part: one JSON variable per system
 * (`PASSERELLE_BILLING_RESILIENCE='{"breaker":{"consecutiveFailures":3}}'`), so that nine numbers per
 * system do not become forty-five environment variables. Unknown keys are refused like everywhere else.
 */
export const resilienceOverridesSchema = z.strictObject({
  breaker: ResilienceOptionsSchema.shape.breaker.partial().optional(),
  retry: ResilienceOptionsSchema.shape.retry.partial().optional(),
  bulkhead: ResilienceOptionsSchema.shape.bulkhead.partial().optional(),
});

export type ResilienceOverrides = z.infer<typeof resilienceOverridesSchema>;

/** The defaults with some values replaced (e.g. from a subgraph's config). */
export function resilienceOptions(overrides: ResilienceOverrides = {}): ResilienceOptions {
  return Object.freeze(ResilienceOptionsSchema.parse({
    breaker: { ...RESILIENCE_DEFAULTS.breaker, ...overrides.breaker },
    retry: { ...RESILIENCE_DEFAULTS.retry, ...overrides.retry },
    bulkhead: { ...RESILIENCE_DEFAULTS.bulkhead, ...overrides.bulkhead },
  }));
}
