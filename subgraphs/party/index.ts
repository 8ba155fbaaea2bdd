/**
 * The party subgraph: customers and partners from the CRM (TM Forum party management).
 * Serve it with startSubgraph(createPartySubgraph(partyConfigFromEnv(process.env)), ...).
 */
import { LEGACY_HTTP_DEFAULTS } from '../runtime/transport/legacy-http.ts';
import type { SubgraphDefinition } from '../runtime/serving/definition.ts';
import { positiveIntFromEnv } from '../runtime/serving/env.ts';
import { loadSchema } from '../runtime/serving/load-schema.ts';
import { CUSTOMER_ACCOUNT_POLICIES } from '../runtime/authorization/policies.ts';
import { createPartyContext, type PartyContext } from './loaders.ts';
import { CrmDataSource } from './crm/crm-data-source.ts';
import { resolvers } from './resolvers.ts';

export interface PartyConfig {
  /** Base URL of the CRM's REST API (the stand-in, or the real CRM). */
  crmUrl: string;
  /** Per CRM call, connection included. */
  timeoutMs: number;
  /** Largest CRM response read; a bigger one is an UPSTREAM_ERROR. */
  maxResponseBytes: number;
}

export const PARTY_DEFAULTS: Readonly<PartyConfig> = Object.freeze({
  crmUrl: 'http://127.0.0.1:5001',
  timeoutMs: LEGACY_HTTP_DEFAULTS.timeoutMs,
  // A full CRM page (100 clients) is about 30 KB: 1 MiB leaves room and still stops a runaway answer.
  maxResponseBytes: 1024 * 1024,
});

export function partyConfigFromEnv(env: NodeJS.ProcessEnv): PartyConfig {
  return {
    crmUrl: env['PASSERELLE_CRM_URL'] || PARTY_DEFAULTS.crmUrl,
    timeoutMs: positiveIntFromEnv(env, 'PASSERELLE_CRM_TIMEOUT_MS', PARTY_DEFAULTS.timeoutMs),
    maxResponseBytes: positiveIntFromEnv(env, 'PASSERELLE_CRM_MAX_RESPONSE_BYTES', PARTY_DEFAULTS.maxResponseBytes),
  };
}

export function createPartySubgraph(config: PartyConfig): SubgraphDefinition<PartyContext> {
  const crm = new CrmDataSource({ baseUrl: config.crmUrl, timeoutMs: config.timeoutMs, maxResponseBytes: config.maxResponseBytes });
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
