/**
 * The entity-report protocol between subgraphs and the gateway: which entities a subgraph response
 * contains and which ones its mutations changed, reported in a response extension. The gateway tags
 * cached responses with the first and invalidates the second. Subgraphs record them with the
 * EntityTracker of their runtime (subgraphs/runtime/caching/entity-tracker.ts).
 */
export const ENTITY_EXTENSION = 'passerelleEntities';

export interface EntityReport {
  returned: string[];
  invalidated: string[];
  /** Part of the answer is a stale copy a cache served in place of a failing system of record. */
  stale?: true;
}

/** "Customer:100001": the tag of one entity, as the gateway indexes cached responses. */
export const entityTag = (typename: string, id: string | number): string => `${typename}:${id}`;
