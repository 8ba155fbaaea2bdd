/**
 * The billing subgraph: customer bills and balances from the Billing system (SOAP BillingService).
 * Serve it with startSubgraph(createBillingSubgraph(billingConfigFromEnv(process.env)), ...).
 */
import type { SubgraphDefinition } from '../runtime/serving/definition.ts';
import { loadSchema } from '../runtime/serving/load-schema.ts';
import { BillingDataSource } from './billing/billing-data-source.ts';
import { loadBillingConfig, type BillingConfigInput } from './config.ts';
import { createBillingContext, type BillingContext } from './loaders.ts';
import { BILLING_POLICIES } from './policies.ts';
import { resolvers } from './resolvers.ts';
import { resilienceOptions } from '../runtime/transport/resilience/resilience-options.ts';

export function createBillingSubgraph(input: BillingConfigInput): SubgraphDefinition<BillingContext> & { close(): Promise<void> } {
  const config = loadBillingConfig(input);
  const billing = new BillingDataSource({
    baseUrl: config.billingUrl, timeoutMs: config.timeoutMs, maxResponseBytes: config.maxResponseBytes, resilience: resilienceOptions(config.resilience),
  });
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
