/**
 * Which entities a subgraph response contains and which ones its mutations changed, reported to the
 * gateway in a response extension: the gateway tags cached responses with the first and invalidates the
 * second. Returned entities are recorded by the runtime itself; mutation resolvers call invalidate().
 */
export const ENTITY_EXTENSION = 'passerelleEntities';

export interface EntityReport { returned: string[]; invalidated: string[] }

/** "Customer:100001": the tag of one entity, as the gateway indexes cached responses. */
export const entityTag = (typename: string, id: string | number): string => `${typename}:${id}`;

export class EntityTracker {
  readonly returned = new Set<string>();
  readonly invalidated = new Set<string>();

  saw(typename: string, id: unknown): void {
    if (typeof id === 'string' || typeof id === 'number') this.returned.add(entityTag(typename, id));
  }

  /** Called by a mutation for every entity whose data it changed. */
  invalidate(typename: string, id: string | number): void {
    this.invalidated.add(entityTag(typename, id));
  }

  report(): EntityReport | null {
    if (this.returned.size === 0 && this.invalidated.size === 0) return null;
    return { returned: [...this.returned], invalidated: [...this.invalidated] };
  }
}
