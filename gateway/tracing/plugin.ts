/**
 * The gateway's spans inside a GraphQL request, at the narrowest Apollo phases: `graphql.parse` and
 * `graphql.validate` (only when Apollo really parses and validates: a document it already holds costs
 * neither), and on the request's server span (http-span.ts) who called and what ran: the operation's
 * name, type and hash, the client's name, version and channel. Planning and execution are @apollo/gateway's
 * own spans (gateway.request > gateway.plan, gateway.execute > gateway.fetch), under the same server span.
 * Never the query text, the variables or anything about the signed-in person.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { trace, type Span } from '@opentelemetry/api';
import { failed } from '../../contracts/lib/trace-http.ts';
import type { GatewayContext } from '../context.ts';
import { gatewayTracer } from './http-span.ts';

/** Ends a phase's span, failed when the phase failed (its coded type only, never the message). */
const endPhase = (span: Span, errorType: string) => async (error?: Error | readonly Error[]): Promise<void> => {
  if (error && (!Array.isArray(error) || error.length > 0)) failed(span, errorType);
  span.end();
};

export function useTracing(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ contextValue }) {
      // The HTTP layer's server span: the request runs in its context.
      const request = trace.getActiveSpan();
      const { channel, client } = contextValue.principal;
      request?.setAttributes({
        'passerelle.client.channel': channel,
        ...(client ? { 'passerelle.client.name': client.name, 'passerelle.client.version': client.version } : {}),
      });
      return {
        async parsingDidStart() {
          return endPhase(gatewayTracer.startSpan('graphql.parse'), 'GRAPHQL_PARSE_FAILED');
        },
        async validationDidStart() {
          return endPhase(gatewayTracer.startSpan('graphql.validate'), 'GRAPHQL_VALIDATION_FAILED');
        },
        async didResolveOperation({ operationName, operation, queryHash }) {
          request?.setAttributes({
            ...(operation ? { 'graphql.operation.type': operation.operation } : {}),
            'passerelle.operation.hash': queryHash,
            ...(operationName ? { 'graphql.operation.name': operationName } : {}),
          });
        },
        async willSendResponse({ response }) {
          const code = response.body.kind === 'single' ? response.body.singleResult.errors?.[0]?.extensions?.['code'] : undefined;
          if (request && typeof code === 'string') request.setAttribute('passerelle.error.code', code);
        },
      };
    },
  };
}
