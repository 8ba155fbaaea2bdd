/**
 * What a domain subgraph hands to the runtime: its schema (from its schema.graphql), its resolvers and
 * a per-request context factory (where it creates its DataLoaders, so that batching never crosses requests).
 */
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import type { DocumentNode } from 'graphql';
import type { Principal } from '../../../contracts/principal.ts';
import type { Policy } from '../../../contracts/authz/decide.ts';
import type { EntityTracker } from '../caching/entity-tracker.ts';

export interface BaseContext {
  principal: Principal;
  /** Set by the runtime on every request: entities returned, and changed by mutations (invalidate()). */
  entities?: EntityTracker;
}

export interface SubgraphDefinition<TContext extends BaseContext = BaseContext> {
  /** The subgraph's name in schema/supergraph.yaml; also the audience of its internal tokens. */
  name: string;
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<TContext>;
  createContext(principal: Principal): TContext;
  /**
   * The data policies its schema names with @policy(name:) (e.g. "owner only"), decided on the object
   * being read. Context policies (contracts/authz/context-policies.ts) are available to every subgraph.
   */
  policies?: Readonly<Record<string, Policy>>;
  /** Releases what the subgraph holds (legacy connection pools); called when its server stops. */
  close?(): Promise<void>;
}
