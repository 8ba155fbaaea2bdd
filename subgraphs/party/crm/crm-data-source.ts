/**
 * The CRM data source: what the loaders and resolvers call, and the only code that knows the CRM's
 * routes, limits and failure habits (HTML pages instead of JSON, 503 when overloaded). It answers with
 * party domain types or coded errors whose messages name "the CRM" and nothing else.
 */
import type { z } from 'zod';
import { codedError } from '../../../contracts/error-codes.ts';
import { LegacyHttpClient, type LegacyRequest } from '../../runtime/transport/legacy-http.ts';
import type { Customer, Partner } from '../model.ts';
import { customerFromCrm, partnerFromCrm } from './mapping.ts';
import { planCrmPages } from './paging.ts';
import { crmClientBatchSchema, crmClientPageSchema, crmPartnerBatchSchema } from './wire.ts';
import type { ResilienceOptions } from '../../runtime/transport/resilience/resilience-options.ts';

/** The CRM refuses `?ids=` lookups of more than 50 ids. */
export const CRM_BATCH_LIMIT = 50;
/** The CRM serves pages of at most 100 records. */
export const CRM_MAX_PAGE_SIZE = 100;

const SYSTEM = 'CRM';
/** Ids go into a comma-separated list: anything but these shapes could smuggle in other ids. */
const CUSTOMER_ID = /^[1-9]\d{0,11}$/;
const PARTNER_ID = /^[A-Za-z0-9_-]{1,32}$/;

export interface CrmDataSourceOptions { baseUrl: string; timeoutMs: number; maxResponseBytes: number; resilience?: ResilienceOptions }

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export class CrmDataSource {
  private readonly http: LegacyHttpClient;

  constructor(options: CrmDataSourceOptions) {
    this.http = new LegacyHttpClient({ system: SYSTEM, ...options });
  }

  /** Customers by id, CRM_BATCH_LIMIT per call; ids the CRM does not know are absent from the map. */
  async customersByIds(ids: readonly string[]): Promise<Map<string, Customer>> {
    const valid = [...new Set(ids.filter((id) => CUSTOMER_ID.test(id)))];
    const batches = await Promise.all(chunks(valid, CRM_BATCH_LIMIT).map((batch) =>
      this.getJson({ path: '/api/clients', query: { ids: batch.join(',') } }, crmClientBatchSchema)));
    return new Map(batches.flatMap((batch) => batch.CLIENTS.map((record) => {
      const customer = customerFromCrm(record);
      return [customer.id, customer] as const;
    })));
  }

  /** `first` customers from position `offset` in CRM order, and how many there are in all. */
  async customerWindow(offset: number, first: number): Promise<{ total: number; customers: Customer[] }> {
    const plan = planCrmPages(offset, first, CRM_MAX_PAGE_SIZE);
    const pages = await Promise.all(plan.pages.map((page) =>
      this.getJson({ path: '/api/clients', query: { page, size: plan.size } }, crmClientPageSchema)));
    const records = pages.flatMap((page) => page.CLIENTS).slice(plan.skip, plan.skip + first);
    return { total: pages[0]?.TOTAL ?? 0, customers: records.map(customerFromCrm) };
  }

  /** Partners by id, CRM_BATCH_LIMIT per call; unknown ids are absent from the map. */
  async partnersByIds(ids: readonly string[]): Promise<Map<string, Partner>> {
    const valid = [...new Set(ids.filter((id) => PARTNER_ID.test(id)))];
    const batches = await Promise.all(chunks(valid, CRM_BATCH_LIMIT).map((batch) =>
      this.getJson({ path: '/api/partners', query: { ids: batch.join(',') } }, crmPartnerBatchSchema)));
    return new Map(batches.flatMap((batch) => batch.PARTENAIRES.map((record) => {
      const partner = partnerFromCrm(record);
      return [partner.id, partner] as const;
    })));
  }

  close(): Promise<void> {
    return this.http.close();
  }

  /**
   * One CRM call whose answer must be JSON of the expected shape. The CRM answers its errors with HTML
   * pages that name its servers: they are recognised by status and content type, and never quoted.
   */
  private async getJson<S extends z.ZodType>(req: LegacyRequest, schema: S): Promise<z.infer<S>> {
    const response = await this.http.call(req);
    if (response.status !== 200) {
      // Our requests are built to be valid, so a 4xx here means the CRM changed or refused us.
      throw codedError('UPSTREAM_ERROR', `The ${SYSTEM} refused the request.`, { system: SYSTEM });
    }
    const contentType = String(response.headers['content-type'] ?? '');
    if (!contentType.includes('json')) {
      throw codedError('UPSTREAM_ERROR', `The ${SYSTEM} sent an unreadable response.`, { system: SYSTEM });
    }
    const parsed = schema.safeParse(this.http.parseJson<unknown>(response));
    if (!parsed.success) {
      throw codedError('UPSTREAM_ERROR', `The ${SYSTEM} sent an unexpected response.`, { system: SYSTEM });
    }
    return parsed.data;
  }
}
