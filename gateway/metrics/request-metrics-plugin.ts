/**
 * Counts and times every GraphQL operation the gateway serves, by channel, client and operation
 * (request-labels.ts bounds them), and counts the errors its answers carry by code. Requests refused
 * before Apollo (load shedding, body limits, authentication) are counted where they are refused.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { Counter, Histogram, type Registry } from 'prom-client';
import { boundedLabel } from '../../contracts/lib/metrics.ts';
import type { GatewayContext } from '../context.ts';
import type { ManifestsByChannel } from '../persisted/load-manifests.ts';
import { requestLabeller } from './request-labels.ts';

const LABELS = ['channel', 'client', 'operation'] as const;
/** Seconds: from a cached answer (milliseconds) to a channel's longest deadline. */
export const REQUEST_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export interface RequestMetricsOptions {
  registry: Registry;
  registeredClients: Readonly<Record<string, unknown>>;
  manifests: ManifestsByChannel;
}

export function useRequestMetrics({ registry, registeredClients, manifests }: RequestMetricsOptions): ApolloServerPlugin<GatewayContext> {
  const requests = new Counter({ name: 'passerelle_graphql_requests_total', help: 'GraphQL operations served, by channel, client and operation.', labelNames: LABELS, registers: [registry] });
  const duration = new Histogram({
    name: 'passerelle_graphql_request_duration_seconds', help: 'Time from the request\'s arrival to its answer, by channel, client and operation.',
    labelNames: LABELS, buckets: REQUEST_BUCKETS, registers: [registry],
  });
  const errors = new Counter({ name: 'passerelle_graphql_errors_total', help: 'Errors in GraphQL answers, by channel and extensions.code.', labelNames: ['channel', 'code'], registers: [registry] });
  const labelsOf = requestLabeller(registeredClients, manifests);
  // Codes are Passerelle's and GraphQL's own, but a subgraph could send any: bounded too.
  const code = boundedLabel(100);
  return {
    async requestDidStart({ contextValue }) {
      const startedAt = contextValue.startedAt ?? Date.now();
      return {
        async didEncounterErrors({ errors: found }) {
          for (const error of found) {
            const value = error.extensions?.['code'];
            errors.inc({ channel: contextValue.principal.channel, code: code(typeof value === 'string' ? value : 'INTERNAL_SERVER_ERROR') });
          }
        },
        async willSendResponse({ request, operationName }) {
          const labels = labelsOf(contextValue.principal, request.query, operationName);
          requests.inc(labels);
          duration.observe(labels, (Date.now() - startedAt) / 1000);
        },
      };
    },
  };
}
