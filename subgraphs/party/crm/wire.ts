/**
 * The CRM's wire format, checked on arrival: a response that does not have this shape is an
 * UPSTREAM_ERROR, never a crash deep inside a resolver. Optional text columns may come as "" or null.
 */
import { z } from 'zod';

const text = z.string().nullish();

export const crmClientSchema = z.object({
  CLI_ID: z.number().int().positive(),
  CLI_NOM: z.string(),
  CLI_PRENOM: text,
  CLI_RAISON_SOC: text,
  CLI_MAIL: text,
  CLI_TEL: text,
  CLI_DNAIS: text,
  CLI_DCRE: text,
  SEG_CODE: text,
  CLI_VILLE: text,
});
export type CrmClientRecord = z.infer<typeof crmClientSchema>;

export const crmPartnerSchema = z.object({ PAR_ID: z.string(), PAR_RAISON: z.string(), PAR_MAIL: text });
export type CrmPartnerRecord = z.infer<typeof crmPartnerSchema>;

/** GET /api/clients?ids= */
export const crmClientBatchSchema = z.object({ CLIENTS: z.array(crmClientSchema) });
/** GET /api/clients?page=&size= */
export const crmClientPageSchema = z.object({ TOTAL: z.number().int().nonnegative(), CLIENTS: z.array(crmClientSchema) });
/** GET /api/partners?ids= */
export const crmPartnerBatchSchema = z.object({ PARTENAIRES: z.array(crmPartnerSchema) });
