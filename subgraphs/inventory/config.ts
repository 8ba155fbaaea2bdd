/**
 * The inventory subgraph's settings: where the ERP is and how long to wait for it. Read once from the
 * environment (PASSERELLE_ERP_*), validated, frozen; unknown keys are refused.
 */
import { z } from 'zod';
import { configFromEnv, httpUrl, intVar, loadConfig, positiveInt, textVar, jsonVar } from '../runtime/serving/env.ts';
import { resilienceOverridesSchema } from '../runtime/transport/resilience/resilience-options.ts';

export const INVENTORY_DEFAULTS = Object.freeze({
  erpUrl: 'http://127.0.0.1:5005',
  timeoutMs: 5_000,
  // A full batch (200 codes x 4 warehouses) is about 200 KB of XML: 2 MiB leaves room and stops a runaway answer.
  maxResponseBytes: 2 * 1024 * 1024,
  /** No overrides: the named defaults of runtime/transport/resilience/resilience-options.ts. */
  resilience: Object.freeze({}),
});

const inventoryConfigSchema = z.strictObject({
  /** Base URL of the ERP (the stand-in, or the real one); the stock service lives at /StockService. */
  erpUrl: httpUrl.default(INVENTORY_DEFAULTS.erpUrl),
  /** Per ERP call, connection included. */
  timeoutMs: positiveInt.default(INVENTORY_DEFAULTS.timeoutMs),
  /** Largest ERP response read; a bigger one is an UPSTREAM_ERROR. */
  maxResponseBytes: positiveInt.default(INVENTORY_DEFAULTS.maxResponseBytes),
  /** Breaker, retries and bulkhead of the ERP calls: overrides of the named defaults (runtime/transport/resilience/). */
  resilience: resilienceOverridesSchema.default({}),
});

/** The variable each setting is read from. */
export const INVENTORY_ENV = Object.freeze({
  erpUrl: textVar('PASSERELLE_ERP_URL'),
  timeoutMs: intVar('PASSERELLE_ERP_TIMEOUT_MS'),
  maxResponseBytes: intVar('PASSERELLE_ERP_MAX_RESPONSE_BYTES'),
  resilience: jsonVar('PASSERELLE_ERP_RESILIENCE'),
});

export type InventoryConfigInput = z.input<typeof inventoryConfigSchema>;
export type InventoryConfig = Readonly<z.output<typeof inventoryConfigSchema>>;

export const loadInventoryConfig = (input: InventoryConfigInput = {}): InventoryConfig => loadConfig('inventory', inventoryConfigSchema, input);

export const inventoryConfigFromEnv = (env: NodeJS.ProcessEnv, overrides?: InventoryConfigInput): InventoryConfig =>
  configFromEnv('inventory', inventoryConfigSchema, INVENTORY_ENV, env, overrides);
