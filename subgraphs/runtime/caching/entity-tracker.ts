/**
 * Records, for one subgraph request, the entities its response contains and the ones its mutations
 * changed, reported to the gateway in the ENTITY_EXTENSION (contracts/entity-report.ts). Returned
 * entities are recorded by the runtime itself; mutation resolvers call invalidate().
 */
import { entityTag, type EntityReport } from '../../../contracts/entity-report.ts';

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

  /** `stale`: part of the answer is a stale copy served in place of a failing system. */
  report(stale = false): EntityReport | null {
    if (this.returned.size === 0 && this.invalidated.size === 0 && !stale) return null;
    return { returned: [...this.returned], invalidated: [...this.invalidated], ...(stale ? { stale: true as const } : {}) };
  }
}
