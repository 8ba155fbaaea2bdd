/**
 * The offline explorer on the public port: the page at `/graphiql` (never cached: its CSP nonce is new
 * each time) and its files under `/graphiql/assets/<hash>/` (immutable, cached for a year). GET and HEAD only.
 */
import type { ServerResponse } from 'node:http';
import { refuseUnlessReadOnly } from '../http/read-only.ts';
import { sendError, type PublicRoute } from '../http/node-server.ts';
import { GRAPHIQL_PATH } from './explorer-config.ts';
import { GRAPHIQL_ASSETS_PREFIX, loadGraphiqlAssets, type GraphiqlAssets, type StaticAsset } from './graphiql-assets.ts';
import { renderGraphiqlPage } from './graphiql-page.ts';

const ONE_YEAR_SECONDS = 365 * 24 * 3600;

function sendAsset(res: ServerResponse, asset: StaticAsset, ifNoneMatch: string | undefined): void {
  const headers = {
    etag: asset.etag,
    'cache-control': `public, max-age=${ONE_YEAR_SECONDS}, immutable`,
    'x-content-type-options': 'nosniff',
  };
  if (ifNoneMatch === asset.etag) {
    res.writeHead(304, headers).end();
    return;
  }
  res.writeHead(200, { ...headers, 'content-type': asset.contentType, 'content-length': String(asset.body.length) }).end(asset.body);
}

export function graphiqlRoute(assets: GraphiqlAssets = loadGraphiqlAssets()): PublicRoute {
  return {
    matches: (path) => path === GRAPHIQL_PATH || path.startsWith(GRAPHIQL_ASSETS_PREFIX),
    async handle(req, res, path) {
      if (refuseUnlessReadOnly(req, res)) return;
      if (path === GRAPHIQL_PATH) {
        const page = renderGraphiqlPage(assets);
        res.writeHead(200, {
          'content-type': 'text/html; charset=utf-8',
          'cache-control': 'no-store',
          'content-security-policy': page.csp,
          'x-content-type-options': 'nosniff',
          'x-frame-options': 'DENY',
          'referrer-policy': 'no-referrer',
        }).end(page.html);
        return;
      }
      const asset = assets.byPath.get(path);
      if (!asset) return sendError(res, 'NOT_FOUND', 'Not found: no such explorer file.');
      sendAsset(res, asset, req.headers['if-none-match']);
    },
  };
}
