/**
 * The party domain's own types: what the resolvers serve, whatever the system of record. Only
 * crm/mapping.ts knows how the CRM's records turn into these.
 */

/** Maps to the GraphQL enum CustomerSegment. */
export type CustomerSegment = 'CONSUMER' | 'PROFESSIONAL' | 'ENTERPRISE';
export type ContactMediumType = 'EMAIL' | 'PHONE';

export interface IndividualParty { kind: 'Individual'; givenName: string | null; familyName: string; birthDate: string | null }
export interface OrganizationParty { kind: 'Organization'; name: string; tradingName: string | null }
export type Party = IndividualParty | OrganizationParty;

export interface ContactMedium { mediumType: ContactMediumType; value: string }

export interface Customer {
  /** CRM customer number as a string, e.g. "100001". */
  id: string;
  displayName: string;
  engagedParty: Party;
  segment: CustomerSegment | null;
  /** ISO date, or null when the CRM's date is unreadable. */
  customerSince: string | null;
  contactMedia: ContactMedium[];
  city: string | null;
}

export interface Partner { id: string; name: string; email: string | null }

/** A customer known only by its id (e.g. the signed-in customer): its fields load on demand. */
export interface CustomerRef { id: string }
