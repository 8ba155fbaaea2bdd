/**
 * The Catalogue's JSON as it comes off the wire (API v2), checked before anything reads it. Fields the
 * graph can live without are lenient (nullish): one odd value nulls one field, not a whole page.
 */
import { z } from 'zod';

export const legacyPriceSchema = z.object({
  priceType: z.string(),
  amount: z.string(),
  currencyCode: z.string(),
});

export const legacyOfferingSchema = z.object({
  productCode: z.string(),
  label: z.string().nullish(),
  longDescription: z.string().nullish(),
  categoryCode: z.string().nullish(),
  launchDate: z.string().nullish(),
  prices: z.array(legacyPriceSchema).nullish(),
  media: z.object({ thumb: z.string().nullish(), medium: z.string().nullish(), large: z.string().nullish() }).nullish(),
  bundle: z.string().nullish(),
});

export const legacyCategorySchema = z.object({ categoryCode: z.string(), label: z.string().nullish() });

export const offeringPageSchema = z.object({
  total: z.number().int().nonnegative(),
  items: z.array(legacyOfferingSchema),
});

export const offeringBatchSchema = z.object({ items: z.array(legacyOfferingSchema) });
export const categoryListSchema = z.object({ items: z.array(legacyCategorySchema) });
export const errorBodySchema = z.object({ error: z.string() });

export type LegacyOffering = z.infer<typeof legacyOfferingSchema>;
export type LegacyCategory = z.infer<typeof legacyCategorySchema>;
