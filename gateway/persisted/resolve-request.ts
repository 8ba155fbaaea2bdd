/**
 * What to do with a request's document before Apollo Server sees it, given the caller's channel: run
 * the body of a manifest id, leave it to Apollo (ad-hoc document, APQ lookup or registration), or refuse
 * it with a coded error. Pure, so every case is tested without a server.
 *
 * The wire format is Apollo's for both persisted operations and APQ: `extensions.persistedQuery =
 * { version: 1, sha256Hash }`, with or without `query`.
 */
import type { ErrorCode } from '../../contracts/error-codes.ts';
import { operationId, SHA256_HEX } from '../../contracts/manifest-format.ts';
import type { PersistedMode } from './persisted-config.ts';

export interface DocumentRequest { query?: string | undefined; extensions?: Record<string, unknown> | undefined }

export type Resolution =
  /** Apollo Server handles it as it is. */
  | { kind: 'pass' }
  /** An id of the channel's manifest: run this body (and keep it out of the APQ store). */
  | { kind: 'manifest'; query: string }
  | { kind: 'refuse'; code: ErrorCode; message: string; retryAfterSeconds?: number };

const PASS: Resolution = Object.freeze({ kind: 'pass' });

/** Apollo's own messages for these two codes: older Apollo clients match the message, not the code. */
const NOT_FOUND_MESSAGE = 'PersistedQueryNotFound';
const NOT_SUPPORTED_MESSAGE = 'PersistedQueryNotSupported';

function refuse(code: ErrorCode, message: string): Resolution {
  return { kind: 'refuse', code, message };
}

export function resolvePersistedRequest(request: DocumentRequest, mode: PersistedMode, manifest: ReadonlyMap<string, string>): Resolution {
  const persisted = request.extensions?.['persistedQuery'];
  const hasQuery = typeof request.query === 'string';
  if (!persisted) {
    // Ad-hoc document. Refused by its mere presence on a persisted-only channel: it is never parsed.
    return hasQuery && mode === 'persisted-only'
      ? refuse('PERSISTED_QUERY_REQUIRED', 'This channel accepts only persisted operations: send the operation id in extensions.persistedQuery.sha256Hash, without a query.')
      : PASS;
  }
  const { version, sha256Hash } = persisted as { version?: unknown; sha256Hash?: unknown };
  // Apollo refuses these too, but without a code (the gateway would answer INTERNAL_SERVER_ERROR).
  if (version !== 1) return refuse('BAD_REQUEST', 'Unsupported persisted query version: send extensions.persistedQuery.version 1.');
  if (typeof sha256Hash !== 'string' || !SHA256_HEX.test(sha256Hash)) return refuse('BAD_REQUEST', 'extensions.persistedQuery.sha256Hash must be a SHA-256 in lowercase hex.');

  if (!hasQuery) {
    const body = manifest.get(sha256Hash);
    if (body !== undefined) return { kind: 'manifest', query: body };
    return mode === 'apq' ? PASS : refuse('PERSISTED_QUERY_NOT_FOUND', NOT_FOUND_MESSAGE);
  }
  // A query with its hash: an APQ registration.
  if (mode === 'persisted-only') return refuse('PERSISTED_QUERY_REQUIRED', 'This channel accepts only persisted operations: automatic persisted queries cannot be registered here.');
  if (mode === 'documents') return refuse('PERSISTED_QUERY_NOT_SUPPORTED', NOT_SUPPORTED_MESSAGE);
  // Apollo Server checks this as well; checked here first so that the refusal carries a catalogued code.
  if (operationId(request.query as string) !== sha256Hash) return refuse('BAD_REQUEST', 'The persisted query hash does not match the query: sha256Hash must be the SHA-256 of the query.');
  return PASS;
}

/**
 * The request's extensions without `persistedQuery`: once a plugin chose the document (a manifest body, or a
 * refusal placeholder), Apollo must treat it as a plain document, with no hash check and no APQ registration.
 */
export function withoutPersistedQuery(extensions: Record<string, unknown> | undefined): Record<string, unknown> {
  const { persistedQuery: _dropped, ...rest } = extensions ?? {};
  return rest;
}
