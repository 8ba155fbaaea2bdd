/**
 * The billing subgraph's settings: where the Billing system is and how long to wait for it. Read once
 * from the environment (PASSERELLE_BILLING_*), validated, frozen; unknown keys are refused.
 */
import { z } from 'zod';
import { configFromEnv, httpUrl, intVar, loadConfig, positiveInt, textVar, jsonVar } from '../runtime/serving/env.ts';
import { resilienceOverridesSchema } from '../runtime/transport/resilience/resilience-options.ts';

export const BILLING_DEFAULTS = Object.freeze({
  billingUrl: 'http://127.0.0.1:5004',
  timeoutMs: 5_000,
  // A full page or batch (100 invoices) is about 45 KB of XML: 2 MiB leaves room and stops a runaway answer.
  maxResponseBytes: 2 * 1024 * 1024,
  /** No overrides: the named defaults of runtime/transport/resilience/resilience-options.ts. */
  resilience: Object.freeze({}),
});

const billingConfigSchema = z.strictObject({
  /** Base URL of the Billing system (the stand-in, or the real one); the service lives at /BillingService. */
  billingUrl: httpUrl.default(BILLING_DEFAULTS.billingUrl),
  /** Per Billing system call, connection included. */
  timeoutMs: positiveInt.default(BILLING_DEFAULTS.timeoutMs),
  /** Largest Billing system response read; a bigger one is an UPSTREAM_ERROR. */
  maxResponseBytes: positiveInt.default(BILLING_DEFAULTS.maxResponseBytes),
  /** Breaker, retries and bulkhead of the Billing calls: overrides of the named defaults (runtime/transport/resilience/). */
  resilience: resilienceOverridesSchema.default({}),
});

/** The variable each setting is read from. */
export const BILLING_ENV = Object.freeze({
  billingUrl: textVar('PASSERELLE_BILLING_URL'),
  timeoutMs: intVar('PASSERELLE_BILLING_TIMEOUT_MS'),
  maxResponseBytes: intVar('PASSERELLE_BILLING_MAX_RESPONSE_BYTES'),
  resilience: jsonVar('PASSERELLE_BILLING_RESILIENCE'),
});

export type BillingConfigInput = z.input<typeof billingConfigSchema>;
export type BillingConfig = Readonly<z.output<typeof billingConfigSchema>>;

export const loadBillingConfig = (input: BillingConfigInput = {}): BillingConfig => loadConfig('billing', billingConfigSchema, input);

export const billingConfigFromEnv = (env: NodeJS.ProcessEnv, overrides?: BillingConfigInput): BillingConfig =>
  configFromEnv('billing', billingConfigSchema, BILLING_ENV, env, overrides);
