/**
 * An error the registry's API answers with its code and a message safe to show. Codes are the gateway's
 * catalogue (contracts/error-codes.ts) plus the registry's own below: refusals only the registry makes, kept
 * out of the gateway's catalogue because no gateway ever answers with them.
 */
import { ERROR_CODES, type ErrorCode } from '../../contracts/error-codes.ts';

export const REGISTRY_ERROR_CODES = {
  SCHEMA_TOO_LARGE: { status: 413, meaning: 'The candidate schema exceeds a size limit (bytes, tokens, types or fields); the message names the limit and its value.' },
  CHECK_TIMEOUT: { status: 503, meaning: 'Composing and checking the candidate took longer than the time budget; the check was stopped.' },
  CHECK_BUSY: { status: 503, meaning: 'Too many checks are waiting for the composition worker; `Retry-After` says when to try again.' },
  STORE_REFUSED: { status: 503, meaning: 'The registry refuses its store: empty, older than, or another store than the one it last saw (a Redis that lost its data, a restored snapshot). Nothing is served or written until an administrator accepts the store (`npm run registry -- --accept-store`); `GET /health` says why.' },
  USAGE_UNAVAILABLE: { status: 503, meaning: 'This registry reads no usage store (usage KPIs): start it with DATABASE_URL (PostgreSQL) or PASSERELLE_USAGE_DIR (the embedded store the gateway writes).' },
  APPROVAL_REQUIRED: { status: 409, meaning: 'The publish changes fields or types another team owns: it needs that team\'s (or an admin\'s) approval of this candidate\'s hash.' },
} as const;

export type RegistryErrorCode = ErrorCode | keyof typeof REGISTRY_ERROR_CODES;

export const statusOf = (code: RegistryErrorCode): number =>
  code in REGISTRY_ERROR_CODES ? REGISTRY_ERROR_CODES[code as keyof typeof REGISTRY_ERROR_CODES].status : ERROR_CODES[code as ErrorCode].status;

export class RegistryError extends Error {
  constructor(
    readonly code: RegistryErrorCode, message: string, readonly details: Record<string, unknown> = {},
    /** Response headers the refusal needs (Retry-After). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}
