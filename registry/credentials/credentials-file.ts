/**
 * The credentials file: who may use the registry. One entry per credential; secrets only as hashes
 * (secret-hash.ts). It is edited by `npm run schema -- credentials create` on the registry's host and
 * re-read by the running registry when it changes, so a credential is added or revoked without restart.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { replaceFile } from '../store/durable-files.ts';
import { DEFAULT_REGISTRY_DIR, SUBGRAPH_NAME } from '../store/file-store.ts';
import type { RegistryRole } from '../types.ts';
import { hashSecret, newSecret } from './secret-hash.ts';

export const DEFAULT_CREDENTIALS_FILE = join(DEFAULT_REGISTRY_DIR, 'credentials.json');
export const CREDENTIAL_ID = /^[a-z0-9][a-z0-9_-]{0,62}$/;

export interface Credential {
  id: string;
  role: RegistryRole;
  /** The one subgraph an owner may publish. */
  subgraph?: string;
  secretHash: string;
  createdAt: string;
}

const entrySchema = z.strictObject({
  id: z.string().regex(CREDENTIAL_ID),
  role: z.enum(['owner', 'reader', 'admin']),
  subgraph: z.string().regex(SUBGRAPH_NAME).optional(),
  secretHash: z.string().startsWith('scrypt$'),
  createdAt: z.string(),
}).refine((e) => (e.role === 'owner') === (e.subgraph !== undefined), { message: 'an owner names exactly one subgraph; other roles none' });

const fileSchema = z.strictObject({ credentials: z.array(entrySchema) });

export async function readCredentials(path: string): Promise<Credential[]> {
  let raw: string;
  try { raw = await readFile(path, 'utf8'); } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const parsed = fileSchema.safeParse(JSON.parse(raw));
  if (!parsed.success) throw new Error(`${path} is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data.credentials;
}

export interface NewCredential { role: RegistryRole; subgraph?: string; id?: string }

/** The token a caller sends (`Authorization: Bearer <id>.<secret>`): the id says which hash to check. */
export const tokenOf = (id: string, secret: string): string => `${id}.${secret}`;

/** Makes a credential entry and its token; the secret exists only in the returned token. */
export async function makeCredential(spec: NewCredential, secret: string = newSecret()): Promise<{ credential: Credential; token: string }> {
  const suffix = randomBytes(3).toString('hex');
  const id = spec.id ?? (spec.role === 'owner' ? `${spec.subgraph}-owner-${suffix}` : `${spec.role}-${suffix}`);
  const credential = entrySchema.parse({ id, role: spec.role, subgraph: spec.subgraph, secretHash: await hashSecret(secret), createdAt: new Date().toISOString() });
  return { credential, token: tokenOf(credential.id, secret) };
}

/** Adds a new credential to the file (atomically) and returns its token, to be shown once. */
export async function createCredential(path: string, spec: NewCredential): Promise<{ credential: Credential; token: string }> {
  const existing = await readCredentials(path);
  const made = await makeCredential(spec);
  if (existing.some((c) => c.id === made.credential.id)) throw new Error(`A credential named ${made.credential.id} already exists in ${path}.`);
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  await replaceFile(path, `${JSON.stringify({ credentials: [...existing, made.credential] }, null, 2)}\n`);
  return made;
}
