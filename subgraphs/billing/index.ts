/**
 * The billing subgraph: customer bills and balances from the Billing system (SOAP BillingService).
 * Serve it with startSubgraph(createBillingSubgraph(billingConfigFromEnv(process.env)), ...).
 */
import type { SubgraphDefinition } from '../runtime/serving/definition.ts';
import { positiveIntFromEnv } from '../runtime/serving/env.ts';
import { loadSchema } from '../runtime/serving/load-schema.ts';
import { createBillingContext, type BillingContext } from './loaders.ts';
import { BILLING_POLICIES } from './policies.ts';
import { resolvers } from './resolvers.ts';
import { BillingDataSource } from './billing/billing-data-source.ts';

export interface BillingConfig {
  /** Base URL of the Billing system (the stand-in, or the real one); the service lives at /BillingService. */
  billingUrl: string;
  /** Per Billing call, connection included. */
  timeoutMs: number;
  /** Largest Billing response read; a bigger one is an UPSTREAM_ERROR. */
  maxResponseBytes: number;
}

export const BILLING_DEFAULTS: Readonly<BillingConfig> = Object.freeze({
  billingUrl: 'http://127.0.0.1:5004',
  timeoutMs: 5_000,
  // A full page or batch (100 invoices) is about 45 KB of XML: 2 MiB leaves room and stops a runaway answer.
  maxResponseBytes: 2 * 1024 * 1024,
});

export function billingConfigFromEnv(env: NodeJS.ProcessEnv): BillingConfig {
  return {
    billingUrl: env['PASSERELLE_BILLING_URL'] || BILLING_DEFAULTS.billingUrl,
    timeoutMs: positiveIntFromEnv(env, 'PASSERELLE_BILLING_TIMEOUT_MS', BILLING_DEFAULTS.timeoutMs),
    maxResponseBytes: positiveIntFromEnv(env, 'PASSERELLE_BILLING_MAX_RESPONSE_BYTES', BILLING_DEFAULTS.maxResponseBytes),
  };
}

export function createBillingSubgraph(config: BillingConfig): SubgraphDefinition<BillingContext> & { close(): Promise<void> } {
  const billing = new BillingDataSource(config);
  return {
    name: 'billing',
    typeDefs: loadSchema(import.meta.url),
    resolvers,
    createContext: (principal) => createBillingContext(billing, principal),
    // customer-account (Customer.bills, Customer.balance) and bill-reader (CustomerBill).
    policies: BILLING_POLICIES,
    /** Releases the keep-alive connections to the legacy system. */
    close: () => billing.close(),
  };
}
