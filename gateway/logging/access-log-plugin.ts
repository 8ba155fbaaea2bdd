/**
 * The access log's Apollo side: what only Apollo knows of a request (the identified client and channel,
 * the operation's name, the document's hash, the error codes of the answer) goes into the request's
 * access record, which the HTTP layer writes out (access-log.ts). It reads, never changes, the request.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from '../context.ts';
import { clip } from './access-log.ts';
import { accessRecordOfContext } from './access-record.ts';
import { activeTraceId } from './trace-id.ts';

const codesOf = (errors: readonly { extensions?: Record<string, unknown> }[] | undefined): string[] =>
  (errors ?? []).map((e) => e.extensions?.['code']).filter((code): code is string => typeof code === 'string');

export function useAccessLog(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ contextValue }) {
      const record = accessRecordOfContext(contextValue);
      if (!record) return;
      const { principal } = contextValue;
      record.channel = principal.channel;
      if (principal.client) {
        record.client = principal.client.name;
        record.clientVersion = principal.client.version || undefined;
      }
      // A span the tracing opened around Apollo's work outranks the HTTP layer's guess.
      record.traceId = activeTraceId() ?? record.traceId;
      return {
        async didResolveSource({ queryHash }) { record.documentHash = queryHash; },
        async didResolveOperation({ operationName, request }) { record.operation = clip(operationName ?? request.operationName ?? undefined, 128); },
        async willSendResponse({ response }) {
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors : response.body.initialResult.errors;
          for (const code of codesOf(errors)) record.errorCodes.add(code);
        },
      };
    },
  };
}
