/**
 * Usage KPIs, read from the store the gateways write (contracts/usage/): top operations with error rates
 * and p95 per client version, and who reads a field. Any valid credential may read them (the registry's
 * bearer auth); a registry started without a usage store answers USAGE_UNAVAILABLE.
 */
import { parseSince } from '../../contracts/usage/usage-since.ts';
import { RegistryError } from '../service/registry-error.ts';
import type { ApiContext } from './api-context.ts';
import { sendJson } from './respond.ts';
import type { Route, RouteContext } from './router.ts';

const COORDINATE = /^[_A-Za-z][_0-9A-Za-z]*\.[_A-Za-z][_0-9A-Za-z]*$/;
const MAX_COORDINATES = 100;

function window(api: ApiContext, query: URLSearchParams, fallback: string): { since: number; client?: string } {
  const text = query.get('since') ?? fallback;
  const since = parseSince(text, (api.now ?? Date.now)());
  if (since === null) throw new RegistryError('BAD_REQUEST', `since="${text}" is neither a duration (7d, 12h, 30m) nor a date.`);
  const client = query.get('client');
  return { since, ...(client ? { client } : {}) };
}

function storeOf(api: ApiContext) {
  if (!api.usage) throw new RegistryError('USAGE_UNAVAILABLE', 'This registry reads no usage store: start it with DATABASE_URL (PostgreSQL) or PASSERELLE_USAGE_DIR (the gateway\'s embedded store).');
  return api.usage;
}

export function usageRoutes(api: ApiContext): Route[] {
  return [
    { method: 'GET', path: '/usage/operations', access: 'read', handle: async ({ res, query }: RouteContext) => {
      const store = storeOf(api);
      const limit = Number(query.get('limit') ?? 50);
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new RegistryError('BAD_REQUEST', 'limit must be an integer from 1 to 1000.');
      const range = window(api, query, '7d');
      sendJson(res, 200, { since: new Date(range.since).toISOString(), operations: await store.operations({ ...range, limit }) });
    } },
    { method: 'GET', path: '/usage/fields', access: 'read', handle: async ({ res, query }: RouteContext) => {
      const store = storeOf(api);
      const coordinates = query.getAll('coordinate');
      if (coordinates.length === 0 || coordinates.length > MAX_COORDINATES || !coordinates.every((c) => COORDINATE.test(c))) {
        throw new RegistryError('BAD_REQUEST', `coordinate=Type.field is required (1 to ${MAX_COORDINATES} of them).`);
      }
      const range = window(api, query, '30d');
      sendJson(res, 200, { since: new Date(range.since).toISOString(), fields: await store.fieldUsage(coordinates, range) });
    } },
  ];
}
