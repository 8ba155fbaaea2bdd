/**
 * The last supergraph a gateway loaded (never one it only fetched), kept on local disk so that a gateway
 * starting while the registry is down, or while the registry offers a version it cannot load, still
 * serves the schema it last had. Written atomically (temporary file, fsync, rename) with a SHA-256
 * checksum of its content; a file that is not JSON, malformed or fails its checksum is reported
 * precisely (which file, what is wrong) and ignored, never served.
 */
import { createHash } from 'node:crypto';
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';

export interface LastGood {
  version: number | null;
  sdl: string;
  /** The registry store that numbered the version (store-identity.ts); null for a registry without one. */
  storeId: string | null;
}

const fileSchema = z.object({
  format: z.literal(2),
  version: z.number().int().positive().nullable(),
  storeId: z.string().nullable(),
  sdl: z.string().min(1),
  savedAt: z.string(),
  checksum: z.string().regex(/^[0-9a-f]{64}$/),
});

const checksumOf = (value: LastGood): string => createHash('sha256').update(JSON.stringify([value.version, value.storeId, value.sdl])).digest('hex');

export async function saveLastGood(path: string, value: LastGood): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  const handle = await open(temp, 'w', 0o600);
  try {
    await handle.writeFile(JSON.stringify({ format: 2, ...value, savedAt: new Date().toISOString(), checksum: checksumOf(value) }));
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, path);
}

export type LastGoodRead = { found: LastGood } | { absent: true } | { problem: string };

export async function readLastGood(path: string): Promise<LastGoodRead> {
  let raw: string;
  try { raw = await readFile(path, 'utf8'); } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { absent: true };
    return { problem: `last good supergraph file ${path} cannot be read: ${(error as Error).message}` };
  }
  let json: unknown;
  try { json = JSON.parse(raw); } catch { return { problem: `last good supergraph file ${path} is not JSON (${raw.length} bytes, truncated or overwritten?)` }; }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    return { problem: `last good supergraph file ${path} is malformed: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'file'}: ${i.message}`).join('; ')}` };
  }
  const found: LastGood = { version: parsed.data.version, storeId: parsed.data.storeId, sdl: parsed.data.sdl };
  if (checksumOf(found) !== parsed.data.checksum) return { problem: `last good supergraph file ${path} fails its checksum (content changed after it was written): ignored` };
  return { found };
}
