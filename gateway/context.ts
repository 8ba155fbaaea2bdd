import type { Principal } from './auth/principal.ts';

/** What every gateway request carries from the HTTP layer into the plugins and the subgraph fetches. */
export interface GatewayContext {
  principal: Principal;
}
