/**
 * The ordering subgraph: product orders and shopping carts from the OMS, and Customer.orders /
 * Customer.cart on the party subgraph's Customer.
 */
import type { SubgraphDefinition } from '../runtime/serving/definition.ts';
import { loadSchema } from '../runtime/serving/load-schema.ts';
import { loadOrderingConfig, type OrderingConfigInput } from './config.ts';
import { createOrderingContext, type OrderingContext } from './loaders.ts';
import { OmsDataSource } from './oms/oms-data-source.ts';
import { ORDERING_POLICIES } from './policies.ts';
import { resolvers } from './resolvers.ts';
import { resilienceOptions } from '../runtime/transport/resilience/resilience-options.ts';

export function createOrderingSubgraph(input: OrderingConfigInput): SubgraphDefinition<OrderingContext> {
  const config = loadOrderingConfig(input);
  const oms = new OmsDataSource({
    baseUrl: config.omsUrl, timeoutMs: config.timeoutMs, maxResponseBytes: config.maxResponseBytes, resilience: resilienceOptions(config.resilience),
  });
  return {
    name: 'ordering',
    typeDefs: loadSchema(import.meta.url),
    resolvers,
    createContext: (principal) => createOrderingContext(oms, principal),
    // customer-account (Customer.orders, Customer.cart) and order-reader (ProductOrder).
    policies: ORDERING_POLICIES,
    close: () => oms.close(),
  };
}
