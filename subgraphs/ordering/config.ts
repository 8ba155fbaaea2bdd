/**
 * The ordering subgraph's settings: where the OMS is and how long to wait for it. Read once from the
 * environment (PASSERELLE_OMS_*), validated, frozen; unknown keys are refused.
 */
import { z } from 'zod';
import { configFromEnv, httpUrl, intVar, loadConfig, positiveInt, textVar, jsonVar } from '../runtime/serving/env.ts';
import { resilienceOverridesSchema } from '../runtime/transport/resilience/resilience-options.ts';
import { LEGACY_HTTP_DEFAULTS } from '../runtime/transport/legacy-http.ts';

export const ORDERING_DEFAULTS = Object.freeze({
  omsUrl: 'http://127.0.0.1:5003',
  timeoutMs: LEGACY_HTTP_DEFAULTS.timeoutMs,
  maxResponseBytes: LEGACY_HTTP_DEFAULTS.maxResponseBytes,
  /** No overrides: the named defaults of runtime/transport/resilience/resilience-options.ts. */
  resilience: Object.freeze({}),
});

const orderingConfigSchema = z.strictObject({
  /** Base URL of the OMS REST API (the stand-in or the real system). */
  omsUrl: httpUrl.default(ORDERING_DEFAULTS.omsUrl),
  /** Per OMS call, connection included. */
  timeoutMs: positiveInt.default(ORDERING_DEFAULTS.timeoutMs),
  /** Largest OMS response read; a bigger one is an UPSTREAM_ERROR. */
  maxResponseBytes: positiveInt.default(ORDERING_DEFAULTS.maxResponseBytes),
  /** Breaker, retries and bulkhead of the OMS calls: overrides of the named defaults (runtime/transport/resilience/). */
  resilience: resilienceOverridesSchema.default({}),
});

/** The variable each setting is read from. */
export const ORDERING_ENV = Object.freeze({
  omsUrl: textVar('PASSERELLE_OMS_URL'),
  timeoutMs: intVar('PASSERELLE_OMS_TIMEOUT_MS'),
  maxResponseBytes: intVar('PASSERELLE_OMS_MAX_RESPONSE_BYTES'),
  resilience: jsonVar('PASSERELLE_OMS_RESILIENCE'),
});

export type OrderingConfigInput = z.input<typeof orderingConfigSchema>;
export type OrderingConfig = Readonly<z.output<typeof orderingConfigSchema>>;

export const loadOrderingConfig = (input: OrderingConfigInput = {}): OrderingConfig => loadConfig('ordering', orderingConfigSchema, input);

export const orderingConfigFromEnv = (env: NodeJS.ProcessEnv, overrides?: OrderingConfigInput): OrderingConfig =>
  configFromEnv('ordering', orderingConfigSchema, ORDERING_ENV, env, overrides);
