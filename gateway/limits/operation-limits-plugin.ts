/**
 * Refuses operations that exceed the limits of the caller's channel (gateway/limits/), with HTTP 400
 * OPERATION_LIMIT_EXCEEDED, before any authorization, planning or subgraph work is spent on them.
 *
 * Why didResolveOperation and not Apollo's `validationRules`: the limits depend on the channel, which
 * only the request context knows, and validation results are cached per document for every channel.
 * The checks that depend on the document alone are cached here per document and channel instead (Apollo
 * hands back the same DocumentNode for a query it has seen); the cost depends on variables and is
 * computed on every request. Every check is bounded by the document's size and stops at its limit
 * (gateway/limits/bounded-walk.ts); tokens and nesting were already checked on the text before parsing
 * (parse-limits-plugin.ts), and are checked again here for documents that came from the APQ store.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { DocumentNode } from 'graphql';
import { requestError } from '../../contracts/error-codes.ts';
import type { Channel } from '../../contracts/principal.ts';
import type { GatewayContext } from '../context.ts';
import { costViolation, documentViolation, violationMessage, type LimitViolation, type OperationUnderCheck } from './check-limits.ts';
import type { LimitsByChannel } from './limits-config.ts';

export function useOperationLimits(limits: LimitsByChannel): ApolloServerPlugin<GatewayContext> {
  const checked = new WeakMap<DocumentNode, Map<Channel, LimitViolation | null>>();

  function staticViolation(op: OperationUnderCheck, channel: Channel): LimitViolation | null {
    let byChannel = checked.get(op.document);
    if (!byChannel) checked.set(op.document, (byChannel = new Map()));
    let violation = byChannel.get(channel);
    if (violation === undefined) byChannel.set(channel, (violation = documentViolation(op, limits[channel])));
    return violation;
  }

  return {
    async requestDidStart() {
      return {
        // Synchronous until it throws, so its refusal is the one Apollo reports; Apollo still starts the later
        // plugins' didResolveOperation hooks, which is why authorization bounds its own work too.
        async didResolveOperation({ contextValue, document, source, operation, request, schema }) {
          // Nothing to measure (operationName unknown, or missing in a multi-operation document): refuse it
          // here, as the gateway's executor would fail on it with a 500.
          if (!operation) throw requestError('BAD_REQUEST', 'The document has no single operation to run: check operationName.');
          const channel = contextValue.principal.channel;
          const op: OperationUnderCheck = { schema, document, source, operation, variables: request.variables ?? {} };
          const violation = staticViolation(op, channel) ?? costViolation(op, limits[channel]);
          if (violation) throw requestError('OPERATION_LIMIT_EXCEEDED', violationMessage(violation, channel));
        },
      };
    },
  };
}
