/**
 * For the party tests: a CRM stand-in with a small dataset and the party subgraph in front of it,
 * called the way the gateway calls it (callSubgraph with a signed internal token).
 */
import { getDataset } from '../../dev/legacy/common/dataset.ts';
import type { StandInHandle } from '../../dev/legacy/common/stand-in.ts';
import { startCrm } from '../../dev/legacy/crm/server.ts';
import { callSubgraph, TEST_KEYS, type GraphQLResult } from './subgraph-client.ts';
import type { Principal } from '../../contracts/principal.ts';
import { startSubgraph, type RunningSubgraph } from '../../subgraphs/runtime/serving/serve.ts';
import { PARTY_DEFAULTS } from '../../subgraphs/party/config.ts';
import { createPartySubgraph } from '../../subgraphs/party/index.ts';
import { FAULTS_ONLY } from './faults-only.ts';

export const TEST_DATASET = { customers: 200 } as const;
export const dataset = getDataset(TEST_DATASET);

export interface PartyHarness {
  crm: StandInHandle;
  subgraph: RunningSubgraph;
  call(principal: Principal | null, query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphQLResult<Record<string, any>>>;
  stop(): Promise<void>;
}

export async function startPartyHarness(timeoutMs = 2_000): Promise<PartyHarness> {
  const crm = await startCrm({ port: 0, dataset: TEST_DATASET });
  const subgraph = await startSubgraph(
    createPartySubgraph({ crmUrl: crm.url, timeoutMs, maxResponseBytes: PARTY_DEFAULTS.maxResponseBytes, resilience: FAULTS_ONLY }),
    { port: 0, internalTokenPublicKey: TEST_KEYS.publicKeyPem },
  );
  return {
    crm,
    subgraph,
    call: (principal, query, variables = {}, token) => callSubgraph(subgraph.url, 'party', principal, query, variables, token),
    stop: async () => { await subgraph.stop(); await crm.close(); },
  };
}

/** The error codes of a response, in order. */
export const codes = (result: GraphQLResult<unknown>): unknown[] => (result.errors ?? []).map((e) => e.extensions?.['code']);

/**
 * The distinct [path prefix, code] of a response's errors, cut after `depth` path segments: a refused
 * object fails field by field (one error per field asked), all under the object's own path.
 */
export const refusals = (result: GraphQLResult<unknown>, depth: number): string[] =>
  [...new Set((result.errors ?? []).map((e) => `${(e.path ?? []).slice(0, depth).join('.')} ${String(e.extensions?.['code'])}`))];
