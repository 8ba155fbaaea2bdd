/**
 * The CRM's view of the seeded world: upper-case French column names straight out of its database,
 * dates as DD/MM/YYYY and empty strings where a modern API would say null. This is the shape the
 * party subgraph must translate; keep it ugly on purpose.
 */
import type { CustomerRecord, PartnerRecord } from '../common/dataset.ts';

/** One row of the CRM's CLIENT table, as /api/clients returns it. */
export interface CrmClient {
  CLI_ID: number;
  /** Family name for an individual, company name for a business. */
  CLI_NOM: string;
  /** Given name; "" for businesses. */
  CLI_PRENOM: string;
  /** Trading name (raison sociale); "" for individuals. */
  CLI_RAISON_SOC: string;
  CLI_MAIL: string;
  CLI_TEL: string;
  /** Birth date DD/MM/YYYY; "" when unknown (always for businesses). */
  CLI_DNAIS: string;
  /** Creation date of the customer record, DD/MM/YYYY. */
  CLI_DCRE: string;
  /** 'PAR' particulier, 'PRO' professionnel, 'ENT' entreprise. */
  SEG_CODE: string;
  CLI_VILLE: string;
}

/** One row of the CRM's PARTENAIRE table. */
export interface CrmPartner {
  PAR_ID: string;
  PAR_RAISON: string;
  PAR_MAIL: string;
}

/** ISO YYYY-MM-DD -> the CRM's DD/MM/YYYY; null -> "". */
export function toCrmDate(iso: string | null): string {
  if (!iso) return '';
  const [year, month, day] = iso.split('-');
  return `${day}/${month}/${year}`;
}

export function toCrmClient(customer: CustomerRecord): CrmClient {
  const isIndividual = customer.segment === 'PAR';
  return {
    CLI_ID: customer.id,
    CLI_NOM: (isIndividual ? customer.familyName : customer.tradingName) ?? '',
    CLI_PRENOM: isIndividual ? customer.givenName ?? '' : '',
    CLI_RAISON_SOC: isIndividual ? '' : customer.tradingName ?? '',
    CLI_MAIL: customer.email,
    CLI_TEL: customer.phone,
    CLI_DNAIS: toCrmDate(customer.birthDate),
    CLI_DCRE: toCrmDate(customer.createdAt),
    SEG_CODE: customer.segment,
    CLI_VILLE: customer.city,
  };
}

export function toCrmPartner(partner: PartnerRecord): CrmPartner {
  return { PAR_ID: partner.id, PAR_RAISON: partner.name, PAR_MAIL: partner.email };
}
