import type { Principal } from './auth/principal.ts';

/**
 * Entities a request's subgraph responses reported: those returned (tags of a cached response) and those
 * a mutation changed (to invalidate). Filled by the subgraph data source.
 */
export interface RequestEntities { returned: Set<string>; invalidated: Set<string> }

/** What every gateway request carries from the HTTP layer into the plugins and the subgraph fetches. */
export interface GatewayContext {
  principal: Principal;
  entities: RequestEntities;
}

export const newRequestEntities = (): RequestEntities => ({ returned: new Set(), invalidated: new Set() });
