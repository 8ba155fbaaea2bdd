/**
 * The executable schema of a subgraph: federation's buildSubgraphSchema, then the authorization rules
 * (graphql-shield, deny by default), then entity tracking for the gateway's cache.
 */
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLSchema } from 'graphql';
import { applyAuthorization } from '../authorization/authz.ts';
import type { BaseContext, SubgraphDefinition } from './definition.ts';
import { ENTITY_EXTENSION } from '../../../contracts/entity-report.ts';
import { trackEntities } from '../caching/track-entities.ts';
import { servedStale } from '../transport/resilience/request-deadline.ts';

export function buildExecutableSubgraph<TContext extends BaseContext>(definition: SubgraphDefinition<TContext>): GraphQLSchema {
  const federated = buildSubgraphSchema([{ typeDefs: definition.typeDefs, resolvers: definition.resolvers }]);
  return trackEntities(applyAuthorization(federated, definition.typeDefs, definition.policies), definition.typeDefs);
}

/** Adds the request's entity report to the response, for the gateway (which strips it). */
export const reportEntities: ApolloServerPlugin<BaseContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response, contextValue }) {
        const report = contextValue.entities?.report(servedStale());
        if (!report || response.body.kind !== 'single') return;
        const result = response.body.singleResult;
        result.extensions = { ...result.extensions, [ENTITY_EXTENSION]: report };
      },
    };
  },
};
