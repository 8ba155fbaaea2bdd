/**
 * The catalog domain's own types: what the resolvers serve, whatever the system of record. Only
 * catalogue/mapping.ts knows how the Catalogue's records turn into these.
 */
import type { Money } from '../runtime/shared-types/money.ts';

export interface ProductImages { thumbnailUrl: string | null; mediumUrl: string | null; largeUrl: string | null }

export interface ProductOffering {
  /** The catalogue code, e.g. "PO-0001". */
  id: string;
  name: string | null;
  description: string | null;
  categoryId: string | null;
  price: Money | null;
  partnerPrice: Money | null;
  images: ProductImages | null;
  launchedOn: string | null;
  isBundle: boolean | null;
}

export interface Category { id: string; name: string | null }
