/**
 * The Catalogue's REST API (v2), with its habits: offset/limit paging that silently caps `limit`, a
 * `codes=` batch capped at 100 codes that leaves unknown codes out, ETags with If-None-Match on single
 * resources, and a JSON error body on 404. Each route answers with the label it is counted under; a
 * 304 is counted apart ("... [304]") so that tests can see revalidations.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { matchPath, sendJson } from '../common/stand-in.ts';
import type { CatalogueData } from './catalogue-data.ts';
import { etagOf, ifNoneMatchHits, MEDIA_SIZES, type MediaSize } from './legacy-records.ts';
import { renderProductSvg } from './media.ts';

export const CATALOGUE_LIMITS = Object.freeze({ defaultLimit: 20, maxLimit: 100, maxCodes: 100 });

export const ROUTES = Object.freeze({
  list: 'GET /catalog/v2/offerings',
  batch: 'GET /catalog/v2/offerings?codes',
  one: 'GET /catalog/v2/offerings/:code',
  categories: 'GET /catalog/v2/categories',
  media: 'GET /media/:code/:size',
  unknown: 'unknown route',
});

/** The route a request falls under, before it is handled (also used for injected failures). */
export function routeOf(req: IncomingMessage): string {
  try {
    return routeOfUrl(req.method, new URL(req.url ?? '/', 'http://catalogue'));
  } catch {
    return ROUTES.unknown; // a malformed URL or %-escape: nothing this Catalogue serves
  }
}

function routeOfUrl(method: string | undefined, url: URL): string {
  if (method !== 'GET') return ROUTES.unknown;
  if (url.pathname === '/catalog/v2/offerings') return url.searchParams.has('codes') ? ROUTES.batch : ROUTES.list;
  if (url.pathname === '/catalog/v2/categories') return ROUTES.categories;
  if (matchPath('/catalog/v2/offerings/:code', url.pathname)) return ROUTES.one;
  if (matchPath('/media/:code/:file', url.pathname)) return ROUTES.media;
  return ROUTES.unknown;
}

/** Sends a JSON body with its ETag, or 304 when the client already holds it; returns the label. */
function sendTagged(req: IncomingMessage, res: ServerResponse, route: string, value: unknown): string {
  const body = JSON.stringify(value);
  const etag = etagOf(body);
  if (ifNoneMatchHits(req.headers['if-none-match'], etag)) {
    res.writeHead(304, { etag }).end();
    return `${route} [304]`;
  }
  res.writeHead(200, { 'content-type': 'application/json', etag }).end(body);
  return route;
}

/** A non-negative integer query parameter, the fallback when absent, or null when malformed. */
function intParam(url: URL, name: string, fallback: number): number | null {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return fallback;
  return /^\d{1,9}$/.test(raw) ? Number(raw) : null;
}

function listOfferings(url: URL, res: ServerResponse, data: CatalogueData): string {
  const offset = intParam(url, 'offset', 0);
  const asked = intParam(url, 'limit', CATALOGUE_LIMITS.defaultLimit);
  if (offset === null || asked === null) {
    sendJson(res, 400, { error: 'INVALID_PARAMETER', parameter: offset === null ? 'offset' : 'limit' });
    return ROUTES.list;
  }
  // The real Catalogue caps the limit without saying so, except in the echoed "limit".
  const limit = Math.min(asked, CATALOGUE_LIMITS.maxLimit);
  const all = data.offerings(url.searchParams.get('category') ?? undefined);
  sendJson(res, 200, { total: all.length, offset, limit, items: all.slice(offset, offset + limit) });
  return ROUTES.list;
}

function batchOfferings(url: URL, res: ServerResponse, data: CatalogueData): string {
  const codes = (url.searchParams.get('codes') ?? '').split(',').filter((code) => code !== '');
  if (codes.length > CATALOGUE_LIMITS.maxCodes) {
    sendJson(res, 400, { error: 'TOO_MANY_CODES', max: CATALOGUE_LIMITS.maxCodes });
    return ROUTES.batch;
  }
  const items = [...new Set(codes)].flatMap((code) => data.offering(code) ?? []);
  sendJson(res, 200, { items });
  return ROUTES.batch;
}

function media(res: ServerResponse, data: CatalogueData, code: string, file: string): string {
  const size = file.replace(/\.svg$/, '') as MediaSize;
  const item = data.offering(code);
  if (!item || !file.endsWith('.svg') || !MEDIA_SIZES.includes(size)) {
    sendJson(res, 404, { error: 'MEDIA_NOT_FOUND' });
    return ROUTES.media;
  }
  res.writeHead(200, { 'content-type': 'image/svg+xml', 'cache-control': 'public, max-age=86400' })
    .end(renderProductSvg(code, item.label, size));
  return ROUTES.media;
}

export function handleCatalogueRequest(req: IncomingMessage, res: ServerResponse, data: CatalogueData): string {
  const route = routeOf(req);
  if (route === ROUTES.unknown) {
    sendJson(res, req.method === 'GET' ? 404 : 405, { error: req.method === 'GET' ? 'NOT_FOUND' : 'METHOD_NOT_ALLOWED' });
    return route;
  }
  const url = new URL(req.url ?? '/', 'http://catalogue');
  switch (route) {
    case ROUTES.list: return listOfferings(url, res, data);
    case ROUTES.batch: return batchOfferings(url, res, data);
    case ROUTES.categories: return sendTagged(req, res, route, { items: data.categories() });
    case ROUTES.one: {
      const { code } = matchPath('/catalog/v2/offerings/:code', url.pathname) as { code: string };
      const item = data.offering(code);
      if (!item) { sendJson(res, 404, { error: 'OFFERING_NOT_FOUND' }); return route; }
      return sendTagged(req, res, route, item);
    }
    case ROUTES.media: {
      const { code, file } = matchPath('/media/:code/:file', url.pathname) as { code: string; file: string };
      return media(res, data, code, file);
    }
    default: throw new Error(`unrouted ${route}`);
  }
}
