/**
 * The ordering subgraph: product orders and shopping carts from the OMS, and Customer.orders /
 * Customer.cart on the party subgraph's Customer.
 */
import { LEGACY_HTTP_DEFAULTS } from '../runtime/transport/legacy-http.ts';
import type { SubgraphDefinition } from '../runtime/serving/definition.ts';
import { positiveIntFromEnv } from '../runtime/serving/env.ts';
import { loadSchema } from '../runtime/serving/load-schema.ts';
import { createOrderingContext, type OrderingContext } from './context.ts';
import { OmsClient } from './oms/oms-data-source.ts';
import { ORDERING_POLICIES } from './policies.ts';
import { resolvers } from './resolvers.ts';

export interface OrderingConfig {
  /** Base URL of the OMS REST API (the stand-in or the real system). */
  omsUrl: string;
  /** Per OMS call, connection included. */
  timeoutMs: number;
  /** Largest OMS response accepted, in bytes. */
  maxResponseBytes: number;
}

export const ORDERING_DEFAULTS = Object.freeze({
  omsUrl: 'http://127.0.0.1:5003',
  timeoutMs: LEGACY_HTTP_DEFAULTS.timeoutMs,
  maxResponseBytes: LEGACY_HTTP_DEFAULTS.maxResponseBytes,
});

/** PASSERELLE_OMS_URL, PASSERELLE_OMS_TIMEOUT_MS, PASSERELLE_OMS_MAX_RESPONSE_BYTES. */
export function orderingConfigFromEnv(env: NodeJS.ProcessEnv): OrderingConfig {
  return {
    omsUrl: env['PASSERELLE_OMS_URL'] || ORDERING_DEFAULTS.omsUrl,
    timeoutMs: positiveIntFromEnv(env, 'PASSERELLE_OMS_TIMEOUT_MS', ORDERING_DEFAULTS.timeoutMs),
    maxResponseBytes: positiveIntFromEnv(env, 'PASSERELLE_OMS_MAX_RESPONSE_BYTES', ORDERING_DEFAULTS.maxResponseBytes),
  };
}

export function createOrderingSubgraph(config: OrderingConfig): SubgraphDefinition<OrderingContext> {
  const oms = new OmsClient({ baseUrl: config.omsUrl, timeoutMs: config.timeoutMs, maxResponseBytes: config.maxResponseBytes });
  return {
    name: 'ordering',
    typeDefs: loadSchema(import.meta.url),
    resolvers,
    createContext: (principal) => createOrderingContext(principal, oms),
    // customer-account (Customer.orders, Customer.cart) and order-reader (ProductOrder).
    policies: ORDERING_POLICIES,
    close: () => oms.close(),
  };
}
