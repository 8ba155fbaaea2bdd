import type { Principal } from '../contracts/principal.ts';

/**
 * What a request's subgraph fetches reported, filled by the subgraph data source: the entities returned
 * (tags of a cached response), those a mutation changed (to invalidate), and the earliest moment any data
 * of the answer was read. A fetch shared with an earlier request may have started before this one: a
 * response is stored only if nothing it holds was invalidated since `dataSince`.
 */
export interface RequestEntities {
  returned: Set<string>;
  invalidated: Set<string>;
  dataSince: number;
  /** A subgraph answered part of it from a stale copy, in place of a failing system: marked, never cached. */
  stale?: boolean;
}

/** What every gateway request carries from the HTTP layer into the plugins and the subgraph fetches. */
export interface GatewayContext {
  principal: Principal;
  entities: RequestEntities;
  /** When the request started (ms since the epoch): a shared fetch older than this is checked for invalidations. */
  startedAt: number;
  /** When the request's time is up (ms since the epoch): startedAt plus its channel's deadline. */
  deadline: number;
  /** The caller's network address: who is rate-limited when there is no signed-in subject. */
  clientAddress: string;
}

export const newRequestEntities = (startedAt = Date.now()): RequestEntities => ({ returned: new Set(), invalidated: new Set(), dataSince: startedAt });
