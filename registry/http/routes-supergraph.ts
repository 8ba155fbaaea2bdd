/**
 * Supergraph routes: the current supergraph (with an ETag, so gateways poll for free: 304 while it is
 * unchanged), any earlier version, the diff of two subgraph versions, and the schema docs.
 */
import { SERVED_SUPERGRAPH_HEADER, type SubgraphSchemas } from '../../contracts/supergraph-notice.ts';
import { diffSchemas } from '../diff/schema-diff.ts';
import { RegistryError } from '../service/registry-error.ts';
import type { VersionDiff } from '../types.ts';
import { renderDocsHtml } from '../docs/render-docs-html.ts';
import type { ApiContext } from './api-context.ts';
import { wantsHtml } from './local-browser.ts';
import { sendJson } from './respond.ts';
import type { Route } from './router.ts';

/** The docs page runs no script and loads nothing: its styles are inline. */
const DOCS_PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'";
const etagOf = (hash: string): string => `"${hash}"`;

/** If-None-Match may list several tags, or `*`; weak tags compare by their opaque part. */
const matches = (header: string | undefined, etag: string): boolean =>
  header !== undefined && header.split(',').map((t) => t.trim().replace(/^W\//, '')).some((t) => t === etag || t === '*');

function versionParam(value: string | null | undefined, name: string): number | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new RegistryError('BAD_REQUEST', `${name} must be a version number.`);
  return n;
}

async function subgraphSchemasOf(api: ApiContext, versions: Record<string, number>): Promise<SubgraphSchemas> {
  const found = await Promise.all(Object.entries(versions).map(([name, v]) => api.store.subgraphVersion(name, v)));
  return Object.fromEntries(found.flatMap((s) => (s ? [[s.subgraph, { routingUrl: s.routingUrl, sdl: s.sdl }] as const] : [])));
}

export function supergraphRoutes(api: ApiContext): Route[] {
  return [
    { method: 'GET', path: '/supergraph', access: 'read', handle: async ({ req, res }) => {
      api.service.deployments.observe(req.headers[SERVED_SUPERGRAPH_HEADER]);
      const current = await api.store.currentSupergraph();
      if (!current) throw new RegistryError('NOT_FOUND', 'Nothing was published yet: there is no supergraph.');
      const etag = etagOf(current.hash);
      if (matches(req.headers['if-none-match'], etag)) {
        res.writeHead(304, { etag, 'cache-control': 'no-cache' }).end();
        return;
      }
      // no-cache, not no-store: a poller keeps the answer and revalidates it with If-None-Match.
      // With each subgraph's published schema: gateways swap only once the changed ones serve it.
      sendJson(res, 200, { ...current, subgraphSchemas: await subgraphSchemasOf(api, current.subgraphs) }, { etag, 'cache-control': 'no-cache' });
    } },
    { method: 'GET', path: '/supergraph/status', access: 'read', handle: async ({ res }) => {
      sendJson(res, 200, await api.service.deployments.status(api.store));
    } },
    { method: 'GET', path: '/supergraph/versions/:version', access: 'read', handle: async ({ res, params }) => {
      const found = await api.store.supergraphVersion(versionParam(params['version'], 'version') ?? 0);
      if (!found) throw new RegistryError('NOT_FOUND', `There is no supergraph version ${params['version']}.`);
      sendJson(res, 200, found, { etag: etagOf(found.hash) });
    } },
    { method: 'GET', path: '/diff', access: 'read', handle: async ({ res, query }) => {
      const subgraph = query.get('subgraph');
      if (!subgraph) throw new RegistryError('BAD_REQUEST', 'subgraph is required (GET /diff?subgraph=NAME&from=N&to=M).');
      const history = await api.store.history(subgraph);
      if (history.length === 0) throw new RegistryError('NOT_FOUND', `No subgraph named ${subgraph} was ever published.`);
      const to = versionParam(query.get('to'), 'to') ?? history.length;
      const from = versionParam(query.get('from'), 'from') ?? Math.max(1, to - 1);
      const [a, b] = [history[from - 1], history[to - 1]];
      if (!a || !b) throw new RegistryError('NOT_FOUND', `${subgraph} has versions 1 to ${history.length}.`);
      sendJson(res, 200, { subgraph, from, to, ...diffSchemas(a.sdl, b.sdl) } satisfies VersionDiff);
    } },
    // Markdown for machines; a web page for a browser (Accept: text/html), public on loopback in development.
    { method: 'GET', path: '/docs', access: 'read', localBrowserPage: true, handle: async ({ req, res }) => {
      const docs = await api.docs.current();
      if (!docs) {
        throw new RegistryError(api.docs.lastError ? 'INTERNAL_SERVER_ERROR' : 'NOT_FOUND', api.docs.lastError ? 'The schema docs could not be rendered.' : 'Nothing was published yet: there are no docs.');
      }
      const headers = { 'cache-control': 'no-cache', vary: 'accept', 'x-supergraph-version': String(docs.version) };
      if (wantsHtml(req)) {
        res.writeHead(200, { ...headers, 'content-type': 'text/html; charset=utf-8', etag: etagOf(`${docs.hash}.html`), 'content-security-policy': DOCS_PAGE_CSP, 'x-content-type-options': 'nosniff' })
          .end(renderDocsHtml(docs.markdown, docs.version));
        return;
      }
      res.writeHead(200, { ...headers, 'content-type': 'text/markdown; charset=utf-8', etag: etagOf(docs.hash) }).end(docs.markdown);
    } },
  ];
}
