/**
 * Takes the entity report a Passerelle subgraph adds to its response (entities returned, entities its
 * mutation changed) into the request's context, and removes it from what the gateway merges.
 */
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { ENTITY_EXTENSION, type EntityReport } from '../../contracts/entity-report.ts';
import type { RequestEntities } from '../context.ts';

export function takeEntityReport(response: GatewayGraphQLResponse, into: RequestEntities | undefined): GatewayGraphQLResponse {
  const report = response.extensions?.[ENTITY_EXTENSION] as EntityReport | undefined;
  if (!report) return response;
  if (into) {
    for (const tag of report.returned ?? []) into.returned.add(tag);
    for (const tag of report.invalidated ?? []) into.invalidated.add(tag);
    if (report.stale) into.stale = true;
  }
  const { [ENTITY_EXTENSION]: _taken, ...extensions } = response.extensions ?? {};
  return { ...response, extensions };
}
