/**
 * Registered applications (issue 14): the clients of the graph as data, shared by every deployable that
 * knows them. The gateway derives a caller's application, channel and plan from the verified token's
 * `azp`/`client_id` (an application id); the identity provider checks confidential applications'
 * secrets; the developer portal lets developers register and manage their own.
 *
 * An application's id is its OAuth client_id. `clients/clients.json` is seed data: the first-party apps
 * (mobile, web: public, no secret) and the platform's confidential ones (partner portal, agent desk).
 */
import type { Channel, ClientKind, Role } from '../principal.ts';
import type { PlanName } from './plans.ts';

export const APPLICATION_STATUSES = ['active', 'suspended'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export interface Application {
  /** The OAuth client_id: `[a-z0-9][a-z0-9-]{2,62}`. */
  id: string;
  name: string;
  /** The developer account that owns it (the identity provider's subject of its owner), null for platform (seeded) ones. */
  owner: string | null;
  channel: Channel;
  kind: ClientKind;
  /** The roles it serves (absent: any). */
  roles?: readonly Role[];
  /** The client versions accepted (gateway/authentication/client-versions.ts syntax; absent: any). */
  versions?: readonly string[];
  plan: PlanName;
  status: ApplicationStatus;
  /** OAuth redirect URIs (authorization code flow); empty for machine-to-machine clients. */
  redirectUris: readonly string[];
  createdAt: string;
  updatedAt: string;
}

/** A client secret's public record: never the secret itself (only its hash is stored). */
export interface SecretRecord {
  id: string;
  /** The first characters of the secret, to tell secrets apart in a list. */
  hint: string;
  createdAt: string;
  /** Set when rotated out (the overlap period ends then) or revoked (now). */
  expiresAt: string | null;
  revokedAt: string | null;
}

export interface NewApplication {
  id?: string;
  name: string;
  owner: string | null;
  channel: Channel;
  kind: ClientKind;
  roles?: readonly Role[];
  versions?: readonly string[];
  plan: PlanName;
  redirectUris?: readonly string[];
}

export type ApplicationPatch = Partial<Pick<Application, 'name' | 'plan' | 'status' | 'versions' | 'redirectUris'>>;

/** A registration with its secret in the clear: returned once, when created or rotated, never again. */
export interface IssuedSecret { secret: string; record: SecretRecord }

/**
 * Where applications live: one store shared by every replica (PostgreSQL, or embedded PGlite), so that
 * a change reaches every gateway without a restart (they follow `revision()`).
 */
export interface ApplicationStore {
  list(): Promise<Application[]>;
  listByOwner(owner: string): Promise<Application[]>;
  get(id: string): Promise<Application | null>;
  /** Creates it; a confidential application gets its first secret, returned in the clear this once. */
  create(input: NewApplication): Promise<{ application: Application; secret: IssuedSecret | null }>;
  update(id: string, patch: ApplicationPatch): Promise<Application | null>;
  secrets(id: string): Promise<SecretRecord[]>;
  /** A new secret; the current ones stay valid for `overlapSeconds` (0: revoked now). */
  rotateSecret(id: string, overlapSeconds: number): Promise<IssuedSecret>;
  revokeSecret(id: string, secretId: string): Promise<boolean>;
  /** True when `secret` is a valid (unexpired, unrevoked) secret of an active confidential application. */
  verifySecret(id: string, secret: string): Promise<boolean>;
  /** A number that grows with every change: followers reload when it moves. */
  revision(): Promise<number>;
  close(): Promise<void>;
}
