/**
 * Client routes: the operations each client version sends, which the checks protect. Registering and
 * retiring need an admin (registered operations can block every team's publishes); listing, any credential.
 */
import { printSupergraphApiSchema } from '../../schema/composition/api-schema.ts';
import { buildSchema } from 'graphql';
import { canManageClients } from '../credentials/permissions.ts';
import { parseClientManifest } from '../service/client-manifest.ts';
import { RegistryError } from '../service/registry-error.ts';
import type { ApiContext } from './api-context.ts';
import { readJsonBody, sendJson } from './respond.ts';
import type { Route, RouteContext } from './router.ts';

function mustManage(ctx: RouteContext): void {
  if (!canManageClients(ctx.credential!)) throw new RegistryError('FORBIDDEN', 'Only an admin credential may register or retire client operations.');
}

export function clientRoutes(api: ApiContext): Route[] {
  const retire = async (ctx: RouteContext) => {
    mustManage(ctx);
    const { client, version } = ctx.params as { client: string; version: string };
    if (!(await api.store.deleteClientOperations(client, version))) throw new RegistryError('NOT_FOUND', `${client} ${version} has no registered operations.`);
    ctx.res.writeHead(204).end();
  };
  return [
    { method: 'GET', path: '/clients', access: 'read', handle: async ({ res }) => {
      const clients = (await api.store.clientOperations())
        .sort((a, b) => `${a.client}@${a.clientVersion}`.localeCompare(`${b.client}@${b.clientVersion}`))
        .map((c) => ({ client: c.client, clientVersion: c.clientVersion, channel: c.channel, operations: c.operations.map((o) => o.name) }));
      sendJson(res, 200, { clients });
    } },
    { method: 'PUT', path: '/clients/:client/versions/:version/operations', access: 'read', handle: async (ctx) => {
      mustManage(ctx);
      const { client, version } = ctx.params as { client: string; version: string };
      const body = await readJsonBody(ctx.req, api.maxBodyBytes);
      const supergraph = await api.store.currentSupergraph();
      const apiSchema = supergraph ? buildSchema(printSupergraphApiSchema(supergraph.sdl)) : null;
      const operations = parseClientManifest(client, version, body, api.clientChannels[client], apiSchema);
      const existed = (await api.store.clientOperations()).some((c) => c.client === client && c.clientVersion === version);
      await api.store.putClientOperations(operations);
      sendJson(ctx.res, existed ? 200 : 201, { client, clientVersion: version, channel: operations.channel, operations: operations.operations.map((o) => o.name) });
    } },
    { method: 'DELETE', path: '/clients/:client/versions/:version/operations', access: 'read', handle: retire },
    { method: 'DELETE', path: '/clients/:client/versions/:version', access: 'read', handle: retire },
  ];
}
