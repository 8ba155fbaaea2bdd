/**
 * Catalogue records -> the graph's domain types. The Catalogue's habits end here: prices as strings in
 * cents with a price type, YYYYMMDD dates, "Y"/"N" flags, image paths on its own host (rewritten to the public media base).
 * An unreadable value becomes null (that field only), never a guess.
 */
import { safeMediaPath } from '../../../contracts/media-path.ts';
import { moneyFromCents, type Money } from '../../runtime/shared-types/money.ts';
import type { Category, ProductOffering } from '../model.ts';
import type { LegacyCategory, LegacyOffering } from './wire.ts';

type LegacyPrices = LegacyOffering['prices'];

export function priceOfType(prices: LegacyPrices, priceType: 'LIST' | 'PARTNER'): Money | null {
  const price = prices?.find((p) => p.priceType === priceType);
  if (!price || !/^-?\d{1,13}$/.test(price.amount) || !/^[A-Z]{3}$/.test(price.currencyCode)) return null;
  return moneyFromCents(Number(price.amount), price.currencyCode);
}

/** "20240131" -> "2024-01-31"; null for anything that is not a real calendar day. */
export function isoDateFromLegacy(text: string | null | undefined): string | null {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(text ?? '');
  if (!match) return null;
  const iso = `${match[1]}-${match[2]}-${match[3]}`;
  const parsed = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(iso) ? iso : null;
}

const LEGACY_MEDIA_ROOT = '/media/';

/** The path of a legacy picture under the Catalogue's media root, from "/media/<path>" or "http(s)://<its host>/media/<path>". */
function legacyMediaPath(legacy: string): string | null {
  let pathname = legacy;
  if (/^https?:\/\//i.test(legacy)) {
    if (!URL.canParse(legacy)) return null;
    const url = new URL(legacy);
    // The pathname as written (URL would resolve "..", which the path check must see); no query, fragment or credentials.
    if (url.search || url.hash || url.username || url.password) return null;
    pathname = legacy.slice(legacy.indexOf('/', legacy.indexOf('//') + 2));
  }
  return pathname.startsWith(LEGACY_MEDIA_ROOT) ? safeMediaPath(pathname.slice(LEGACY_MEDIA_ROOT.length)) : null;
}

/**
 * The Catalogue names pictures on its own host ("/media/PO-0001/thumb.svg", or the same as an absolute URL);
 * clients get `<mediaBaseUrl>/<path>` (the gateway's /media, or a CDN): the legacy host, whatever it is,
 * is dropped. A path that could leave the media root (contracts/media-path.ts) is no picture: null.
 */
export function mediaUrl(mediaBaseUrl: string, legacy: string | null | undefined): string | null {
  const path = legacyMediaPath(legacy ?? '');
  return path ? `${mediaBaseUrl}/${path}` : null;
}

function flag(value: string | null | undefined): boolean | null {
  return value === 'Y' ? true : value === 'N' ? false : null;
}

export function toProductOffering(item: LegacyOffering, mediaBaseUrl: string): ProductOffering {
  return {
    id: item.productCode,
    name: item.label ?? null,
    description: item.longDescription ?? null,
    categoryId: item.categoryCode ?? null,
    price: priceOfType(item.prices, 'LIST'),
    partnerPrice: priceOfType(item.prices, 'PARTNER'),
    images: item.media
      ? {
        thumbnailUrl: mediaUrl(mediaBaseUrl, item.media.thumb),
        mediumUrl: mediaUrl(mediaBaseUrl, item.media.medium),
        largeUrl: mediaUrl(mediaBaseUrl, item.media.large),
      }
      : null,
    launchedOn: isoDateFromLegacy(item.launchDate),
    isBundle: flag(item.bundle),
  };
}

export const toCategory = (category: LegacyCategory): Category => ({ id: category.categoryCode, name: category.label ?? null });
