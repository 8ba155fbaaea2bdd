/**
 * Test wiring shared by the ordering tests: an OMS stand-in on a small dataset and the ordering
 * subgraph in front of it, both on random ports, plus a caller that signs the internal token.
 */
import { getDataset, type Dataset } from '../../dev/legacy/common/dataset.ts';
import type { StandInHandle } from '../../dev/legacy/common/stand-in.ts';
import { startOms } from '../../dev/legacy/oms/server.ts';
import type { Principal } from '../../contracts/principal.ts';
import { callSubgraph, TEST_KEYS, type GraphQLResult } from './subgraph-client.ts';
import { startSubgraph, type RunningSubgraph } from '../../subgraphs/runtime/serving/serve.ts';
import type { OrderingConfigInput } from '../../subgraphs/ordering/config.ts';
import { createOrderingSubgraph } from '../../subgraphs/ordering/index.ts';
import { FAULTS_ONLY } from './faults-only.ts';

export const TEST_DATASET = { customers: 200, orders: 2000, invoices: 2400 };
/** Short, so that a hanging OMS fails a test in well under a second. */
export const TEST_TIMEOUT_MS = 400;

export interface OrderingStack {
  oms: StandInHandle;
  subgraph: RunningSubgraph;
  dataset: Dataset;
  call<T = Record<string, any>>(principal: Principal | null, query: string, variables?: Record<string, unknown>): Promise<GraphQLResult<T>>;
  stop(): Promise<void>;
}

export async function startOrderingStack(overrides: OrderingConfigInput = {}): Promise<OrderingStack> {
  const oms = await startOms({ dataset: TEST_DATASET });
  const subgraph = await startSubgraph(
    createOrderingSubgraph({ omsUrl: oms.url, timeoutMs: TEST_TIMEOUT_MS, maxResponseBytes: 1024 * 1024, resilience: FAULTS_ONLY, ...overrides }),
    { internalTokenPublicKey: TEST_KEYS.publicKeyPem },
  );
  return {
    oms, subgraph, dataset: getDataset(TEST_DATASET),
    call: (principal, query, variables = {}) => callSubgraph(subgraph.url, 'ordering', principal, query, variables),
    stop: async () => { await subgraph.stop(); await oms.close(); },
  };
}

/** Every error code of a response, for compact assertions. */
export const codes = (result: GraphQLResult<unknown>): unknown[] => (result.errors ?? []).map((e) => e.extensions?.['code']);

/**
 * The distinct [path prefix, code] of a response's errors, cut after `depth` path segments: a refused
 * object fails field by field (one error per field asked), all under the object's own path.
 */
export const refusals = (result: GraphQLResult<unknown>, depth: number): string[] =>
  [...new Set((result.errors ?? []).map((e) => `${(e.path ?? []).slice(0, depth).join('.')} ${String(e.extensions?.['code'])}`))];
