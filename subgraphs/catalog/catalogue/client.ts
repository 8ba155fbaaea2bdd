/**
 * The Catalogue data source: the only code that knows its URLs (API v2), its paging and batch limits,
 * its ETags and its error bodies. It answers with domain types (mapping.ts) and coded errors only.
 */
import type { z } from 'zod';
import { codedError } from '../../../schema/error-codes.ts';
import { LegacyHttpClient, pathSegment, type LegacyResponse } from '../../runtime/legacy-http.ts';
import { ConditionalCache } from './conditional-cache.ts';
import { toCategory, toProductOffering, type Category, type ProductOffering } from './mapping.ts';
import {
  categoryListSchema, errorBodySchema, legacyOfferingSchema, offeringBatchSchema, offeringPageSchema,
  type LegacyCategory, type LegacyOffering,
} from './wire.ts';

const SYSTEM = 'Catalogue';

export const CATALOGUE_API = Object.freeze({
  /** The Catalogue refuses a `codes=` batch of more than 100 codes. */
  maxCodesPerCall: 100,
  /** The Catalogue silently caps `limit` at 100. */
  maxLimit: 100,
  /** Offerings kept with their ETag for revalidation (about 1 KB each). */
  offeringCacheEntries: 1_000,
});

/** What a catalogue code looks like ("PO-0001"): anything else cannot exist and never reaches a URL. */
export const isCatalogueCode = (value: string): boolean => /^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/.test(value);

export interface CatalogueClientOptions { baseUrl: string; mediaBaseUrl: string; timeoutMs: number; maxResponseBytes: number }

export interface OfferingPage { totalCount: number; offerings: ProductOffering[] }

export class CatalogueClient {
  private readonly http: LegacyHttpClient;
  private readonly mediaBaseUrl: string;
  // Per subgraph instance (not per request): revalidation pays off across requests.
  private readonly categoryCache = new ConditionalCache<LegacyCategory[]>(1);
  private readonly offeringCache = new ConditionalCache<LegacyOffering>(CATALOGUE_API.offeringCacheEntries);

  constructor(options: CatalogueClientOptions) {
    this.http = new LegacyHttpClient({ system: SYSTEM, baseUrl: options.baseUrl, timeoutMs: options.timeoutMs, maxResponseBytes: options.maxResponseBytes });
    this.mediaBaseUrl = options.mediaBaseUrl;
  }

  /**
   * Offerings by code (at most maxCodesPerCall, valid codes only), in one Catalogue call; unknown codes
   * are missing from the map. A single code uses the resource URL, which has an ETag to revalidate.
   */
  async offeringsByCodes(codes: readonly string[]): Promise<Map<string, ProductOffering>> {
    if (codes.length > CATALOGUE_API.maxCodesPerCall) throw new Error(`at most ${CATALOGUE_API.maxCodesPerCall} codes per call`);
    let items: LegacyOffering[];
    if (codes.length === 1) {
      const item = await this.offering(codes[0] as string);
      items = item ? [item] : [];
    } else {
      const response = await this.http.call({ path: '/catalog/v2/offerings', query: { codes: codes.join(',') } });
      items = this.parse(this.expectOk(response), offeringBatchSchema).items;
    }
    return new Map(items.map((item) => [item.productCode, toProductOffering(item, this.mediaBaseUrl)]));
  }

  /** One page of offerings (offset/limit), optionally of one category, with the Catalogue's total. */
  async listOfferings(offset: number, limit: number, categoryCode?: string | null): Promise<OfferingPage> {
    const response = await this.http.call({
      path: '/catalog/v2/offerings',
      query: { offset, limit: Math.min(limit, CATALOGUE_API.maxLimit), category: categoryCode ?? undefined },
    });
    const page = this.parse(this.expectOk(response), offeringPageSchema);
    return { totalCount: page.total, offerings: page.items.map((item) => toProductOffering(item, this.mediaBaseUrl)) };
  }

  async categories(): Promise<Category[]> {
    const items = await this.conditionalGet(this.categoryCache, 'all', '/catalog/v2/categories', (text) => this.parse(text, categoryListSchema).items);
    if (!items) throw codedError('UPSTREAM_ERROR', `The ${SYSTEM} failed to answer.`, { system: SYSTEM });
    return items.map(toCategory);
  }

  close(): Promise<void> {
    return this.http.close();
  }

  private offering(code: string): Promise<LegacyOffering | null> {
    return this.conditionalGet(this.offeringCache, code, `/catalog/v2/offerings/${pathSegment(code)}`, (text) => this.parse(text, legacyOfferingSchema));
  }

  /**
   * GET with If-None-Match when a tagged body is kept: 304 serves the kept body. Null on the
   * Catalogue's own "not found" (a 404 with its JSON error body).
   */
  private async conditionalGet<T>(cache: ConditionalCache<T>, key: string, path: string, read: (text: string) => T): Promise<T | null> {
    const kept = cache.get(key);
    const response = await this.http.call({ path, headers: kept ? { 'if-none-match': kept.etag } : {} });
    if (response.status === 304 && kept) return kept.value;
    if (response.status === 404 && this.isNotFoundBody(response.text)) {
      cache.delete(key);
      return null;
    }
    const value = read(this.expectOk(response));
    const etag = response.headers['etag'];
    if (typeof etag === 'string' && etag !== '') cache.set(key, { etag, value });
    else cache.delete(key);
    return value;
  }

  /** Any status but 200 here means a request we should not have sent or a Catalogue gone odd. */
  private expectOk(response: LegacyResponse): string {
    if (response.status !== 200) throw codedError('UPSTREAM_ERROR', `The ${SYSTEM} refused the request.`, { system: SYSTEM });
    return response.text;
  }

  private isNotFoundBody(text: string): boolean {
    try {
      return errorBodySchema.safeParse(JSON.parse(text)).data?.error === 'OFFERING_NOT_FOUND';
    } catch {
      return false;
    }
  }

  private parse<S extends z.ZodType>(text: string, schema: S): z.infer<S> {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const result = schema.safeParse(json);
    if (!result.success) throw codedError('UPSTREAM_ERROR', `The ${SYSTEM} sent an unreadable response.`, { system: SYSTEM });
    return result.data;
  }
}
