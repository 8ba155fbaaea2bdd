/**
 * Subgraph routes: list, current, history, one version; check, publish, rollback and approvals.
 * Publishing and rolling back need the subgraph's owner (or an admin); approving a candidate needs
 * another subgraph's owner (or an admin); the rest any credential.
 */
import { canPublish } from '../credentials/permissions.ts';
import { RegistryError } from '../service/registry-error.ts';
import type { PublishResponse, SubgraphVersion } from '../types.ts';
import type { ApiContext } from './api-context.ts';
import { readJsonBody, sendError, sendJson } from './respond.ts';
import type { Route, RouteContext } from './router.ts';

/** A version without its SDL: what lists and histories show. */
const summary = ({ sdl: _sdl, ...rest }: SubgraphVersion) => rest;

const optionalString = (body: Record<string, unknown>, key: string): string | undefined => {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new RegistryError('BAD_REQUEST', `${key} must be a string.`);
  return value;
};

function force(body: Record<string, unknown>): { reason: string } | undefined {
  const value = body['force'];
  if (value === undefined || value === null || value === false) return undefined;
  const reason = typeof value === 'object' ? (value as Record<string, unknown>)['reason'] : undefined;
  if (typeof reason !== 'string' || reason.trim() === '') throw new RegistryError('BAD_REQUEST', 'force must be { "reason": "..." }: the reason is recorded.');
  return { reason };
}

function mayPublish(ctx: RouteContext): string {
  const name = ctx.params['name']!;
  if (!canPublish(ctx.credential!, name)) throw new RegistryError('FORBIDDEN', `Credential ${ctx.credential!.id} may not publish ${name}: only its owner (or an admin) may.`);
  return ctx.credential!.id;
}

function sendOutcome(ctx: RouteContext, result: { outcome: string; response: PublishResponse; reason?: string }): void {
  if (result.outcome === 'refused') return sendError(ctx.res, 'CONFLICT', result.reason ?? 'Refused.', { ...result.response });
  sendJson(ctx.res, result.outcome === 'published' ? 201 : 200, result.response);
}

export function subgraphRoutes(api: ApiContext): Route[] {
  const currentOr404 = async (name: string) => {
    const current = (await api.store.currentSubgraphs()).find((s) => s.subgraph === name);
    if (!current) throw new RegistryError('NOT_FOUND', `No subgraph named ${name} was ever published.`);
    return current;
  };
  return [
    { method: 'GET', path: '/subgraphs', access: 'read', handle: async ({ res }) =>
      sendJson(res, 200, { subgraphs: (await api.store.currentSubgraphs()).map(summary) }) },
    { method: 'GET', path: '/subgraphs/:name', access: 'read', handle: async ({ res, params }) =>
      sendJson(res, 200, await currentOr404(params['name']!)) },
    { method: 'GET', path: '/subgraphs/:name/history', access: 'read', handle: async ({ res, params }) => {
      const versions = await api.store.history(params['name']!);
      if (versions.length === 0) throw new RegistryError('NOT_FOUND', `No subgraph named ${params['name']} was ever published.`);
      // The current version, while gateways wait for the subgraph to serve it, says so.
      const { state, waitingFor } = await api.service.deployments.status(api.store);
      const waiting = waitingFor.includes(params['name']!) ? versions.at(-1)?.version : undefined;
      sendJson(res, 200, { subgraph: params['name'], versions: versions.map((v) => (v.version === waiting ? { ...summary(v), deployment: state } : summary(v))) });
    } },
    { method: 'GET', path: '/subgraphs/:name/versions/:version', access: 'read', handle: async ({ res, params }) => {
      const version = await api.store.subgraphVersion(params['name']!, Number(params['version']));
      if (!version) throw new RegistryError('NOT_FOUND', `${params['name']} has no version ${params['version']}.`);
      sendJson(res, 200, version);
    } },
    { method: 'POST', path: '/subgraphs/:name/check', access: 'read', handle: async ({ req, res, params }) => {
      const body = await readJsonBody(req, api.maxBodyBytes);
      const result = await api.service.check(params['name']!, { sdl: optionalString(body, 'sdl') ?? '', routingUrl: optionalString(body, 'routingUrl') });
      sendJson(res, 200, { subgraph: params['name'], baseVersion: result.current?.version ?? null, routingUrl: result.routingUrl, hash: result.hash, ok: result.report.ok, report: result.report, diff: result.diff });
    } },
    { method: 'POST', path: '/subgraphs/:name/publish', access: 'read', handle: async (ctx) => {
      const actor = mayPublish(ctx);
      const body = await readJsonBody(ctx.req, api.maxBodyBytes);
      const sdl = optionalString(body, 'sdl') ?? '';
      sendOutcome(ctx, await api.service.publish(ctx.params['name']!, { sdl, routingUrl: optionalString(body, 'routingUrl'), force: force(body), actor, actorRole: ctx.credential!.role }));
    } },
    { method: 'POST', path: '/subgraphs/:name/rollback', access: 'read', handle: async (ctx) => {
      const actor = mayPublish(ctx);
      const body = await readJsonBody(ctx.req, api.maxBodyBytes);
      const toVersion = body['toVersion'];
      if (typeof toVersion !== 'number' || !Number.isInteger(toVersion)) throw new RegistryError('BAD_REQUEST', 'toVersion must be a version number.');
      sendOutcome(ctx, await api.service.rollback(ctx.params['name']!, toVersion, actor, force(body), ctx.credential!.role));
    } },
    { method: 'POST', path: '/subgraphs/:name/approvals', access: 'read', handle: async (ctx) => {
      const body = await readJsonBody(ctx.req, api.maxBodyBytes);
      sendJson(ctx.res, 201, api.service.approve(ctx.params['name']!, optionalString(body, 'hash') ?? '', ctx.credential!));
    } },
    { method: 'GET', path: '/subgraphs/:name/approvals', access: 'read', handle: async ({ res, params, query }) => {
      const hash = query.get('hash');
      if (!hash) throw new RegistryError('BAD_REQUEST', 'hash is required (GET /subgraphs/NAME/approvals?hash=SHA256).');
      sendJson(res, 200, { subgraph: params['name'], hash, approvals: api.service.approvals.of(params['name']!, hash) });
    } },
  ];
}
