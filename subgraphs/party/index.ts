/**
 * The party subgraph: customers and partners from the CRM (TM Forum party management).
 * Serve it with startSubgraph(createPartySubgraph(partyConfigFromEnv(process.env)), ...).
 */
import { CUSTOMER_ACCOUNT_POLICIES } from '../runtime/authorization/policies.ts';
import type { SubgraphDefinition } from '../runtime/serving/definition.ts';
import { loadSchema } from '../runtime/serving/load-schema.ts';
import { loadPartyConfig, type PartyConfigInput } from './config.ts';
import { CrmDataSource } from './crm/crm-data-source.ts';
import { createPartyContext, type PartyContext } from './loaders.ts';
import { resolvers } from './resolvers.ts';
import { resilienceOptions } from '../runtime/transport/resilience/resilience-options.ts';

export function createPartySubgraph(input: PartyConfigInput): SubgraphDefinition<PartyContext> {
  const config = loadPartyConfig(input);
  const crm = new CrmDataSource({
    baseUrl: config.crmUrl, timeoutMs: config.timeoutMs, maxResponseBytes: config.maxResponseBytes, resilience: resilienceOptions(config.resilience),
  });
  return {
    name: 'party',
    typeDefs: loadSchema(import.meta.url),
    resolvers,
    createContext: (principal) => createPartyContext(crm, principal),
    // The schema's @policy(name: "customer-account") on Customer; context policies come with the runtime.
    policies: CUSTOMER_ACCOUNT_POLICIES,
    close: () => crm.close(),
  };
}
