/**
 * The Catalogue's own record shapes: neutral dataset records turned into the legacy habits the catalog
 * subgraph must undo (prices as strings in cents with a price type, dates as YYYYMMDD, "Y"/"N" flags,
 * image paths relative to the Catalogue's own host).
 */
import { createHash } from 'node:crypto';
import type { CategoryRecord, OfferingRecord } from '../common/dataset.ts';

export const MEDIA_SIZES = ['thumb', 'medium', 'large'] as const;
export type MediaSize = (typeof MEDIA_SIZES)[number];

export interface LegacyPrice { priceType: 'LIST' | 'PARTNER'; amount: string; currencyCode: string }

export interface LegacyOffering {
  productCode: string;
  label: string;
  longDescription: string;
  categoryCode: string;
  launchDate: string;
  prices: LegacyPrice[];
  media: Record<MediaSize, string>;
  bundle: 'Y' | 'N';
}

export interface LegacyCategory { categoryCode: string; label: string }

export function toLegacyOffering(offering: OfferingRecord): LegacyOffering {
  return {
    productCode: offering.code,
    label: offering.name,
    longDescription: offering.description,
    categoryCode: offering.categoryId,
    launchDate: offering.launchedAt.replaceAll('-', ''),
    prices: [
      { priceType: 'LIST', amount: String(offering.priceCents), currencyCode: offering.currency },
      { priceType: 'PARTNER', amount: String(offering.partnerPriceCents), currencyCode: offering.currency },
    ],
    media: {
      thumb: `/media/${offering.code}/thumb.svg`,
      medium: `/media/${offering.code}/medium.svg`,
      large: `/media/${offering.code}/large.svg`,
    },
    bundle: offering.isBundle ? 'Y' : 'N',
  };
}

export const toLegacyCategory = (category: CategoryRecord): LegacyCategory => ({ categoryCode: category.id, label: category.name });

/** A strong ETag over the exact body sent, so that any change of content changes the tag. */
export function etagOf(body: string): string {
  return `"${createHash('sha1').update(body).digest('base64url').slice(0, 20)}"`;
}

/** RFC 9110 weak comparison, as If-None-Match requires: a list of tags, or "*". */
export function ifNoneMatchHits(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const bare = (tag: string): string => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim() === '*' || bare(tag) === bare(etag));
}
