/** CRM records -> party domain types: ISO dates, segment enum, a typed party instead of blank columns. */
import type { ContactMedium, Customer, CustomerSegment, Party, Partner } from '../model.ts';
import type { CrmClientRecord, CrmPartnerRecord } from './wire.ts';

const SEGMENTS: Readonly<Record<string, CustomerSegment>> = { PAR: 'CONSUMER', PRO: 'PROFESSIONAL', ENT: 'ENTERPRISE' };

/** The CRM's empty string means "unknown", as null does. */
const present = (value: string | null | undefined): string | null => {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
};

/** "DD/MM/YYYY" -> "YYYY-MM-DD"; null when empty or not a real calendar date (e.g. 31/02/2020). */
export function isoFromCrmDate(value: string | null | undefined): string | null {
  const match = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(value?.trim() ?? '');
  if (!match) return null;
  const [, day, month, year] = match as unknown as [string, string, string, string];
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  const iso = `${year}-${month}-${day}`;
  return date.toISOString().slice(0, 10) === iso ? iso : null;
}

/** Unknown codes give null rather than a guess: a new CRM segment must not be shown as the wrong one. */
export const segmentFromCode = (code: string | null | undefined): CustomerSegment | null =>
  SEGMENTS[present(code)?.toUpperCase() ?? ''] ?? null;

/** PAR customers are people; PRO and ENT are businesses, whose CLI_NOM holds the company name. */
function partyOf(record: CrmClientRecord, segment: CustomerSegment | null): Party {
  const isIndividual = segment === 'CONSUMER' || (segment === null && present(record.CLI_PRENOM) !== null);
  if (isIndividual) {
    return { kind: 'Individual', givenName: present(record.CLI_PRENOM), familyName: record.CLI_NOM.trim(), birthDate: isoFromCrmDate(record.CLI_DNAIS) };
  }
  return { kind: 'Organization', name: record.CLI_NOM.trim(), tradingName: present(record.CLI_RAISON_SOC) };
}

function displayNameOf(party: Party): string {
  if (party.kind === 'Individual') return [party.givenName, party.familyName].filter(Boolean).join(' ');
  return party.tradingName ?? party.name;
}

export function customerFromCrm(record: CrmClientRecord): Customer {
  const segment = segmentFromCode(record.SEG_CODE);
  const engagedParty = partyOf(record, segment);
  const contactMedia: ContactMedium[] = [];
  const email = present(record.CLI_MAIL);
  const phone = present(record.CLI_TEL);
  if (email) contactMedia.push({ mediumType: 'EMAIL', value: email });
  if (phone) contactMedia.push({ mediumType: 'PHONE', value: phone });
  return {
    id: String(record.CLI_ID),
    displayName: displayNameOf(engagedParty),
    engagedParty,
    segment,
    customerSince: isoFromCrmDate(record.CLI_DCRE),
    contactMedia,
    city: present(record.CLI_VILLE),
  };
}

export function partnerFromCrm(record: CrmPartnerRecord): Partner {
  return { id: record.PAR_ID, name: record.PAR_RAISON.trim(), email: present(record.PAR_MAIL) };
}
