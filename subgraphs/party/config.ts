/**
 * The party subgraph's settings: where the CRM is and how long to wait for it. Read once from the
 * environment (PASSERELLE_CRM_*), validated, frozen; unknown keys are refused.
 */
import { z } from 'zod';
import { configFromEnv, httpUrl, intVar, loadConfig, positiveInt, textVar, jsonVar } from '../runtime/serving/env.ts';
import { resilienceOverridesSchema } from '../runtime/transport/resilience/resilience-options.ts';
import { LEGACY_HTTP_DEFAULTS } from '../runtime/transport/legacy-http.ts';

export const PARTY_DEFAULTS = Object.freeze({
  crmUrl: 'http://127.0.0.1:5001',
  timeoutMs: LEGACY_HTTP_DEFAULTS.timeoutMs,
  // A full CRM page (100 clients) is about 30 KB: 1 MiB leaves room and still stops a runaway answer.
  maxResponseBytes: 1024 * 1024,
  /** No overrides: the named defaults of runtime/transport/resilience/resilience-options.ts. */
  resilience: Object.freeze({}),
});

const partyConfigSchema = z.strictObject({
  /** Base URL of the CRM's REST API (the stand-in, or the real CRM). */
  crmUrl: httpUrl.default(PARTY_DEFAULTS.crmUrl),
  /** Per CRM call, connection included. */
  timeoutMs: positiveInt.default(PARTY_DEFAULTS.timeoutMs),
  /** Largest CRM response read; a bigger one is an UPSTREAM_ERROR. */
  maxResponseBytes: positiveInt.default(PARTY_DEFAULTS.maxResponseBytes),
  /** Breaker, retries and bulkhead of the CRM calls: overrides of the named defaults (runtime/transport/resilience/). */
  resilience: resilienceOverridesSchema.default({}),
});

/** The variable each setting is read from. */
export const PARTY_ENV = Object.freeze({
  crmUrl: textVar('PASSERELLE_CRM_URL'),
  timeoutMs: intVar('PASSERELLE_CRM_TIMEOUT_MS'),
  maxResponseBytes: intVar('PASSERELLE_CRM_MAX_RESPONSE_BYTES'),
  resilience: jsonVar('PASSERELLE_CRM_RESILIENCE'),
});

export type PartyConfigInput = z.input<typeof partyConfigSchema>;
export type PartyConfig = Readonly<z.output<typeof partyConfigSchema>>;

export const loadPartyConfig = (input: PartyConfigInput = {}): PartyConfig => loadConfig('party', partyConfigSchema, input);

export const partyConfigFromEnv = (env: NodeJS.ProcessEnv, overrides?: PartyConfigInput): PartyConfig =>
  configFromEnv('party', partyConfigSchema, PARTY_ENV, env, overrides);
