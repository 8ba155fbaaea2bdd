/**
 * Who is calling, as the gateway established it. Subgraphs receive it only inside the gateway's signed
 * internal token (see internal-token.ts), never from a client header.
 */
export const ROLES = ['anonymous', 'customer', 'partner', 'agent'] as const;
export type Role = (typeof ROLES)[number];

export const CHANNELS = ['mobile', 'web', 'partner', 'agent'] as const;
export type Channel = (typeof CHANNELS)[number];
/**
 * Channels a caller may reach by naming a public app in a header. The others (partner, agent) raise limits
 * and open context policies: only a verified token issued to one of their (confidential) clients reaches them.
 */
export const PUBLIC_CHANNELS = ['mobile', 'web'] as const satisfies readonly Channel[];

/** `public`: a first-party app anyone can imitate (it holds no secret); `confidential`: known by its tokens only. */
export const CLIENT_KINDS = ['public', 'confidential'] as const;
export type ClientKind = (typeof CLIENT_KINDS)[number];

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
