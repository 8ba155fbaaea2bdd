/**
 * Subscriptions are not served: the gateway speaks HTTP request/response only (no WebSocket or
 * server-sent-events transport), and Apollo Gateway cannot execute a subscription operation, which
 * used to surface as a bare 500. Refused instead with HTTP 400 SUBSCRIPTIONS_NOT_SUPPORTED, a coded
 * error a client can branch on.
 *
 * Why didResolveOperation: it is the first hook where the operation's type is known (after parsing and
 * validation), and it runs before any limit analysis, authorization or query planning spends work on an
 * operation that cannot run. Listed after persisted operations and parse limits (pipeline.ts): their
 * refusals swap in a query placeholder, so they never reach this check.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { requestError } from '../../contracts/error-codes.ts';
import type { GatewayContext } from '../context.ts';

export const SUBSCRIPTION_REFUSAL = 'Subscriptions are not supported: this graph serves queries and mutations over HTTP.';

export function useSubscriptionRefusal(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation }) {
          if (operation?.operation === 'subscription') throw requestError('SUBSCRIPTIONS_NOT_SUPPORTED', SUBSCRIPTION_REFUSAL);
        },
      };
    },
  };
}
