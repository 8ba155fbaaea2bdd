/**
 * Apollo's persisted query manifest format (`apollo-persisted-query-manifest`, version 1), the one file
 * shape shared by `npm run persisted` (which writes it) and the gateway (which trusts it). An operation's
 * id is the SHA-256 of its body, in hex: the same hash Apollo's wire format carries in
 * `extensions.persistedQuery.sha256Hash`, for persisted operations and APQ alike.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';

export const MANIFEST_FORMAT = 'apollo-persisted-query-manifest';
export const MANIFEST_VERSION = 1;

/** A SHA-256 in lowercase hex, as Apollo clients send it. */
export const SHA256_HEX = /^[0-9a-f]{64}$/;

export interface ManifestOperation {
  /** SHA-256 (hex) of `body`. */
  id: string;
  name: string;
  type: 'query' | 'mutation' | 'subscription';
  /** The document exactly as clients' ids were computed from it. */
  body: string;
}

export interface PersistedQueryManifest {
  format: typeof MANIFEST_FORMAT;
  version: typeof MANIFEST_VERSION;
  operations: ManifestOperation[];
}

export function operationId(body: string): string {
  return createHash('sha256').update(body).digest('hex');
}

const manifestSchema = z.object({
  format: z.literal(MANIFEST_FORMAT),
  version: z.literal(MANIFEST_VERSION),
  operations: z.array(z.object({
    id: z.string().regex(SHA256_HEX),
    name: z.string().min(1),
    type: z.enum(['query', 'mutation', 'subscription']),
    body: z.string().min(1),
  })),
});

export class ManifestError extends Error {}

/**
 * Parses a manifest, refusing one whose ids are not the hashes of their bodies: a hand-edited body with
 * a stale id would otherwise run something other than what the id stands for.
 */
export function parseManifest(json: string, source: string): PersistedQueryManifest {
  let value: unknown;
  try { value = JSON.parse(json); } catch { throw new ManifestError(`${source} is not JSON.`); }
  const parsed = manifestSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ManifestError(`${source} is not an ${MANIFEST_FORMAT} (version ${MANIFEST_VERSION}): ${issue?.path.join('.') || '(root)'}: ${issue?.message}`);
  }
  for (const op of parsed.data.operations) {
    if (operationId(op.body) !== op.id) throw new ManifestError(`${source}: the id of ${op.name} is not the SHA-256 of its body (regenerate it with "npm run persisted").`);
  }
  return parsed.data as PersistedQueryManifest;
}
