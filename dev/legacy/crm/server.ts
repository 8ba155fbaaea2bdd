/**
 * The CRM stand-in: the customer and partner registry, REST/JSON with the CRM's habits (see
 * records.ts for its field names and dates, pages.ts for its HTML error pages).
 *
 *   GET /api/clients/:id            one client; unknown id -> 404 HTML page
 *   GET /api/clients?ids=1,2,3      batch lookup, at most 50 ids (more -> 400 HTML); unknown ids are left out
 *   GET /api/clients?page=N&size=M  page-number paging, 1-based, size at most 100, by ascending CLI_ID
 *   GET /api/partners/:id           one partner; unknown id -> 404 HTML page
 *   GET /api/partners?ids=P001,...  batch lookup, same rules as clients
 * Overloaded (errorRate knob): 503 with an HTML "Service Unavailable" page.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { getDataset, type DatasetOptions } from '../common/dataset.ts';
import { matchPath, sendJson, startStandIn, type StandInHandle, type StartOptions } from '../common/stand-in.ts';
import { sendHtmlError } from './pages.ts';
import { toCrmClient, toCrmPartner } from './records.ts';

export interface StandInOptions extends StartOptions { dataset?: Partial<DatasetOptions> }

/** The CRM refuses batch lookups above this many ids (a limit of its SQL IN clause). */
export const CRM_MAX_IDS = 50;
/** Largest page the CRM serves; its default page size when none is given. */
export const CRM_MAX_PAGE_SIZE = 100;
export const CRM_DEFAULT_PAGE_SIZE = 20;

/** A registry the routes read from: lookup by id and the full list in CRM order. */
interface Registry<T> { byId(id: string): T | undefined; count(): number; slice(start: number, end: number): T[]; listKey: string; noun: string }

function routeLabel(req: IncomingMessage): string {
  const url = new URL(req.url ?? '/', 'http://crm');
  const resource = /^\/api\/(clients|partners)(\/[^/]+)?$/.exec(url.pathname);
  if (!resource) return `${req.method} (unknown)`;
  if (resource[2]) return `${req.method} /api/${resource[1]}/:id`;
  return `${req.method} /api/${resource[1]}?${url.searchParams.has('ids') ? 'ids' : 'page'}`;
}

/** Reads a non-negative integer query parameter: the fallback when absent, NaN when malformed. */
function intParam(url: URL, name: string, fallback: number): number {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return fallback;
  return /^\d{1,9}$/.test(raw) ? Number(raw) : Number.NaN;
}

function serveCollection<T>(url: URL, res: ServerResponse, registry: Registry<T>): void {
  const idsParam = url.searchParams.get('ids');
  if (idsParam !== null) {
    const ids = [...new Set(idsParam.split(',').map((id) => id.trim()).filter((id) => id !== ''))];
    if (ids.length > CRM_MAX_IDS) {
      return sendHtmlError(res, 400, 'Bad Request', `Trop d'identifiants (${ids.length}), maximum ${CRM_MAX_IDS}.`);
    }
    const found = ids.map((id) => registry.byId(id)).filter((item): item is T => item !== undefined);
    return sendJson(res, 200, { [registry.listKey]: found });
  }
  const page = intParam(url, 'page', 1);
  const size = intParam(url, 'size', CRM_DEFAULT_PAGE_SIZE);
  if (!(page >= 1) || !(size >= 1 && size <= CRM_MAX_PAGE_SIZE)) {
    return sendHtmlError(res, 400, 'Bad Request', `Pagination invalide (page >= 1, 1 <= size <= ${CRM_MAX_PAGE_SIZE}).`);
  }
  const items = registry.slice((page - 1) * size, page * size);
  sendJson(res, 200, { PAGE: page, SIZE: size, TOTAL: registry.count(), [registry.listKey]: items });
}

export async function startCrm(options: StandInOptions = {}): Promise<StandInHandle> {
  const dataset = getDataset(options.dataset);
  // Customer ids are contiguous from the first one, so a lookup is an index; records are converted to
  // the CRM's format per request, so that the default 5,000 customers cost nothing until asked for.
  const firstId = dataset.customers[0]?.id ?? 0;
  const clients: Registry<ReturnType<typeof toCrmClient>> = {
    byId: (id) => {
      const customer = /^\d{1,12}$/.test(id) ? dataset.customers[Number(id) - firstId] : undefined;
      return customer?.id === Number(id) ? toCrmClient(customer) : undefined;
    },
    count: () => dataset.customers.length,
    slice: (start, end) => dataset.customers.slice(start, end).map(toCrmClient),
    listKey: 'CLIENTS',
    noun: 'Client',
  };
  const partnersById = new Map(dataset.partners.map((p) => [p.id, p]));
  const partners: Registry<ReturnType<typeof toCrmPartner>> = {
    byId: (id) => {
      const partner = partnersById.get(id);
      return partner ? toCrmPartner(partner) : undefined;
    },
    count: () => dataset.partners.length,
    slice: (start, end) => dataset.partners.slice(start, end).map(toCrmPartner),
    listKey: 'PARTENAIRES',
    noun: 'Partenaire',
  };

  return startStandIn({
    system: 'crm',
    routeOf: routeLabel,
    fail: (_req, res) => sendHtmlError(res, 503, 'Service Unavailable', 'Le serveur est temporairement surcharg\u00e9, veuillez r\u00e9essayer plus tard.'),
    handle(req, res) {
      const label = routeLabel(req);
      const url = new URL(req.url ?? '/', 'http://crm');
      const collection = matchPath('/api/:resource', url.pathname);
      const item = matchPath('/api/:resource/:id', url.pathname);
      const registry: Registry<object> | undefined = (collection ?? item)?.['resource'] === 'clients' ? clients
        : (collection ?? item)?.['resource'] === 'partners' ? partners : undefined;
      if (!registry) {
        sendHtmlError(res, 404, 'Not Found', `La ressource ${url.pathname} n'existe pas.`);
      } else if (req.method !== 'GET') {
        sendHtmlError(res, 405, 'Method Not Allowed', `M\u00e9thode ${req.method} non support\u00e9e.`);
      } else if (item) {
        const found = registry.byId(item['id'] ?? '');
        if (found) sendJson(res, 200, found);
        else sendHtmlError(res, 404, 'Not Found', `${registry.noun} ${item['id']} introuvable.`);
      } else {
        serveCollection(url, res, registry);
      }
      return label;
    },
  }, options);
}
