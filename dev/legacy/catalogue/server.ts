/**
 * The Catalogue stand-in: the system of record of product offerings and categories, REST/JSON (v2),
 * built on the common stand-in harness (knobs, counters, /__admin routes).
 *
 * Extra admin routes, to change the data a running Catalogue serves (and so its ETags):
 *   PUT /__admin/offerings/:code   <- { "label"?, "listPriceCents"?, "partnerPriceCents"? }
 *   PUT /__admin/categories/:code  <- { "label" }
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { getDataset, type DatasetOptions } from '../common/dataset.ts';
import { matchPath, sendJson, startStandIn, type StandInHandle, type StartOptions } from '../common/stand-in.ts';
import { CatalogueData, type OfferingEdit } from './catalogue-data.ts';
import { handleCatalogueRequest, routeOf } from './routes.ts';

export interface StandInOptions extends StartOptions { dataset?: Partial<DatasetOptions> }

export const CATALOGUE_DEFAULT_PORT = 5002;

/** How the real Catalogue fails: a Java stack trace in a JSON body (never to be passed on). */
function fail(_req: IncomingMessage, res: ServerResponse): void {
  sendJson(res, 500, {
    error: 'INTERNAL',
    trace: 'java.lang.NullPointerException at com.acme.catalogue.offering.OfferingDao.findByCodes(OfferingDao.java:212) '
      + 'at com.acme.catalogue.api.OfferingResource.list(OfferingResource.java:88) [db=cat-prod-01.acme.internal:1521]',
  });
}

function parseEdit(body: Buffer): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(body.toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const isCents = (v: unknown): v is number | undefined => v === undefined || (Number.isInteger(v) && (v as number) >= 0);

function admin(data: CatalogueData, req: IncomingMessage, res: ServerResponse, body: Buffer): boolean {
  const path = (req.url ?? '').split('?')[0] ?? '';
  const offering = matchPath('/__admin/offerings/:code', path);
  const category = matchPath('/__admin/categories/:code', path);
  if (req.method !== 'PUT' || (!offering && !category)) return false;
  const edit = parseEdit(body);
  if (offering) {
    const { label, listPriceCents, partnerPriceCents } = edit ?? {};
    if (!edit || (label !== undefined && typeof label !== 'string') || !isCents(listPriceCents) || !isCents(partnerPriceCents)) {
      sendJson(res, 400, { error: 'INVALID_EDIT' });
    } else if (!data.editOffering(offering['code'] as string, { label, listPriceCents, partnerPriceCents } as OfferingEdit)) {
      sendJson(res, 404, { error: 'OFFERING_NOT_FOUND' });
    } else {
      sendJson(res, 200, data.offering(offering['code'] as string));
    }
    return true;
  }
  const code = (category as Record<string, string>)['code'] as string;
  if (typeof edit?.['label'] !== 'string') sendJson(res, 400, { error: 'INVALID_EDIT' });
  else if (!data.editCategory(code, edit['label'])) sendJson(res, 404, { error: 'CATEGORY_NOT_FOUND' });
  else sendJson(res, 200, { categoryCode: code, label: edit['label'] });
  return true;
}

export async function startCatalogue(options: StandInOptions = {}): Promise<StandInHandle> {
  const data = new CatalogueData(getDataset(options.dataset));
  return startStandIn({
    system: 'catalogue',
    handle: (req, res) => handleCatalogueRequest(req, res, data),
    fail,
    routeOf,
    admin: (req, res, body) => admin(data, req, res, body),
  }, options);
}
