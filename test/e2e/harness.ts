/**
 * End-to-end harness: the real stack on random ports, and callers that use real tokens from the
 * identity provider and the registered client of a channel, running the operations of clients/.
 */
import { loadClientOperations } from '../../clients/operations.ts';
import { getDataset, type CustomerRecord, type Dataset } from '../../dev/legacy/common/dataset.ts';
import { startStack, type Stack, type StackOptions } from '../../dev/stack/stack.ts';
import { postJson, type GraphQLResponse } from '../support/http.ts';

const CLIENT_OF_CHANNEL = { mobile: 'passerelle-mobile', web: 'passerelle-web', partner: 'partner-portal', agent: 'agent-desk' } as const;
export type ChannelName = keyof typeof CLIENT_OF_CHANNEL;

const operations = new Map(loadClientOperations().map((op) => [op.name, op.source]));

export interface Caller {
  /** Runs a named operation of clients/<channel>/operations, or an inline document. */
  run(operationOrQuery: string, variables?: Record<string, unknown>): Promise<GraphQLResponse>;
}

export interface E2E { stack: Stack; dataset: Dataset; as(user: string | null, channel?: ChannelName): Promise<Caller> }

export async function startE2E(options: Partial<StackOptions> = {}): Promise<E2E> {
  const stack = await startStack({ ports: 'random', legacyTimeoutMs: 1_000, ...options });
  return {
    stack,
    dataset: getDataset(options.dataset),
    async as(user, channel = 'web') {
      const headers: Record<string, string> = { 'apollographql-client-name': CLIENT_OF_CHANNEL[channel], 'apollographql-client-version': '1.0.0' };
      // The token is issued to the channel's client, as that client's sign-in would issue it: a privileged
      // channel (partner, agent) is reached only so, and only by the roles its client serves.
      if (user) headers['authorization'] = `Bearer ${await stack.idp.tokenFor(user, { client: CLIENT_OF_CHANNEL[channel] })}`;
      return {
        run: (operationOrQuery, variables = {}) =>
          postJson(stack.gateway.url, { query: operations.get(operationOrQuery) ?? operationOrQuery, variables }, headers),
      };
    },
  };
}

/** A customer with exactly `orders` orders, and open (unpaid or overdue) bills when asked. */
export function customerWith(dataset: Dataset, shape: { orders: number; openBills?: boolean }): CustomerRecord {
  const found = dataset.customers.find((c) =>
    (dataset.ordersByCustomer.get(c.id)?.length ?? 0) === shape.orders &&
    (!shape.openBills || (dataset.invoicesByCustomer.get(c.id) ?? []).some((i) => i.status !== 'PAID')));
  if (!found) throw new Error(`no customer with ${JSON.stringify(shape)} in this dataset`);
  return found;
}

/** Error codes of a response, by path ("me.balance": "UPSTREAM_TIMEOUT"). */
export function errorCodes(response: GraphQLResponse): Record<string, string> {
  return Object.fromEntries((response.body.errors ?? []).map((e: { path?: (string | number)[]; extensions?: { code?: string } }) => [(e.path ?? []).join('.'), e.extensions?.code ?? '']));
}
