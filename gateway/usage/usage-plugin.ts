/**
 * Usage recording, the LAST plugin stage: at willSendResponse, when the answer is known, the request is
 * added to the in-memory minute (client and version, operation name and document hash, fields read,
 * error, duration). Nothing here awaits: writing to the store happens on the recorder's timer.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from '../context.ts';
import { CoordinateCache } from './field-coordinates.ts';
import type { UsageRecorder } from './usage-recorder.ts';

/** The bucket of requests whose client did not identify itself. */
export const UNIDENTIFIED_CLIENT = Object.freeze({ client: '(unidentified)', clientVersion: '' });

export function useUsageRecording(recorder: UsageRecorder): ApolloServerPlugin<GatewayContext> {
  const coordinates = new CoordinateCache();
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, document, schema, operationName, queryHash, response, errors }) {
          // Requests refused before a document was chosen (parse errors, bad persisted ids) have no operation to record.
          if (!document || !queryHash) return;
          const client = contextValue.principal.client;
          const body = response.body.kind === 'single' ? response.body.singleResult : null;
          recorder.add({
            client: client?.name ?? UNIDENTIFIED_CLIENT.client,
            clientVersion: client?.version ?? UNIDENTIFIED_CLIENT.clientVersion,
            operationName: operationName ?? null,
            operationHash: queryHash,
            durationMs: Date.now() - contextValue.startedAt,
            failed: Boolean(errors?.length) || Boolean(body?.errors?.length),
            fields: coordinates.get(schema, queryHash, document, operationName ?? null),
          });
        },
      };
    },
  };
}
