/**
 * Who is calling, as the gateway established it. Subgraphs receive it only inside the gateway's signed
 * internal token (see internal-token.ts), never from a client header.
 */
export const ROLES = ['anonymous', 'customer', 'partner', 'agent'] as const;
export type Role = (typeof ROLES)[number];

export const CHANNELS = ['mobile', 'web', 'partner', 'agent'] as const;
export type Channel = (typeof CHANNELS)[number];

export interface ClientIdentity { name: string; version: string }

export interface Principal {
  role: Role;
  /** The customer id, partner id or staff id, by role; null when anonymous. */
  subject: string | null;
  scopes: readonly string[];
  channel: Channel;
  client: ClientIdentity | null;
}

export const ANONYMOUS_WEB: Principal = Object.freeze({ role: 'anonymous', subject: null, scopes: [], channel: 'web', client: null });
