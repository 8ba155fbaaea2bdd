/**
 * The Catalogue's HTTP API, read by catalogue-data-source.ts only: the only code that knows its URLs
 * (API v2), its paging and batch limits, its ETags and its error bodies. Failures leave it as coded errors only.
 */
import type { z } from 'zod';
import { codedError } from '../../../contracts/error-codes.ts';
import { LegacyHttpClient, pathSegment, type LegacyResponse } from '../../runtime/transport/legacy-http.ts';
import {
  categoryListSchema, errorBodySchema, legacyOfferingSchema, offeringBatchSchema, offeringPageSchema,
  type LegacyCategory, type LegacyOffering,
} from './wire.ts';
import type { ResilienceOptions } from '../../runtime/transport/resilience/resilience-options.ts';

const SYSTEM = 'Catalogue';

export const CATALOGUE_API = Object.freeze({
  /** The Catalogue refuses a `codes=` batch of more than 100 codes. */
  maxCodesPerCall: 100,
  /** The Catalogue silently caps `limit` at 100. */
  maxLimit: 100,
});

/** What a catalogue code looks like ("PO-0001"): anything else cannot exist and never reaches a URL. */
export const isCatalogueCode = (value: string): boolean => /^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/.test(value);

export interface CatalogueApiOptions { baseUrl: string; timeoutMs: number; maxResponseBytes: number; resilience?: ResilienceOptions }

/** A body as the Catalogue sent it, with its ETag (null when it sent none) for a later If-None-Match. */
export interface Tagged<T> { value: T; etag: string | null }

export interface LegacyOfferingPage { total: number; items: LegacyOffering[] }

/**
 * Raw reads, in the Catalogue's own record shapes: caching and mapping to domain types happen in
 * catalogue-data-source.ts. A `kept` tagged body makes the read conditional: on 304 the kept body is returned.
 */
export class CatalogueApi {
  private readonly http: LegacyHttpClient;

  constructor(options: CatalogueApiOptions) {
    this.http = new LegacyHttpClient({ system: SYSTEM, ...options });
  }

  /** Up to maxCodesPerCall offerings in one call; unknown codes are simply absent. */
  async offeringBatch(codes: readonly string[]): Promise<LegacyOffering[]> {
    if (codes.length > CATALOGUE_API.maxCodesPerCall) throw new Error(`at most ${CATALOGUE_API.maxCodesPerCall} codes per call`);
    const response = await this.http.call({ path: '/catalog/v2/offerings', query: { codes: codes.join(',') } });
    return this.parse(this.expectOk(response), offeringBatchSchema).items;
  }

  /** One offering by its resource URL, which carries an ETag; null when the Catalogue does not know it. */
  offering(code: string, kept?: Tagged<LegacyOffering>): Promise<Tagged<LegacyOffering> | null> {
    return this.conditionalGet(`/catalog/v2/offerings/${pathSegment(code)}`, kept, (text) => this.parse(text, legacyOfferingSchema));
  }

  /** One page of offerings (offset/limit), optionally of one category, with the Catalogue's total. */
  async offeringPage(offset: number, limit: number, categoryCode?: string | null): Promise<LegacyOfferingPage> {
    const response = await this.http.call({
      path: '/catalog/v2/offerings',
      query: { offset, limit: Math.min(limit, CATALOGUE_API.maxLimit), category: categoryCode ?? undefined },
    });
    const page = this.parse(this.expectOk(response), offeringPageSchema);
    return { total: page.total, items: page.items };
  }

  async categories(kept?: Tagged<LegacyCategory[]>): Promise<Tagged<LegacyCategory[]>> {
    const tagged = await this.conditionalGet('/catalog/v2/categories', kept, (text) => this.parse(text, categoryListSchema).items);
    if (!tagged) throw codedError('UPSTREAM_ERROR', `The ${SYSTEM} failed to answer.`, { system: SYSTEM });
    return tagged;
  }

  close(): Promise<void> {
    return this.http.close();
  }

  /**
   * GET with If-None-Match when a tagged body is kept: 304 returns the kept body. Null on the
   * Catalogue's own "not found" (a 404 with its JSON error body).
   */
  private async conditionalGet<T>(path: string, kept: Tagged<T> | undefined, read: (text: string) => T): Promise<Tagged<T> | null> {
    const response = await this.http.call({ path, headers: kept?.etag ? { 'if-none-match': kept.etag } : {} });
    if (response.status === 304 && kept) return kept;
    if (response.status === 404 && this.isNotFoundBody(response.text)) return null;
    const value = read(this.expectOk(response));
    const etag = response.headers['etag'];
    return { value, etag: typeof etag === 'string' && etag !== '' ? etag : null };
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
