/**
 * What the registry last saw of its store, kept durably on the registry's own disk (not in the Redis
 * store: a store that lost its data must not take this record along): the store's id and generation, and
 * its highest supergraph version and hash. Default: `registry-state.json` in the registry's directory
 * (`--dir`, `.passerelle/registry/`, beside credentials.json); `--state FILE` / PASSERELLE_REGISTRY_STATE.
 * With the file store, put it on another disk to also catch a restore of the whole directory.
 */
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { readJsonFile, replaceFile } from './durable-files.ts';
import { mkdir } from 'node:fs/promises';

export const registryStateSchema = z.strictObject({
  format: z.literal(1),
  storeId: z.string().min(1),
  generation: z.number().int().positive(),
  supergraphVersion: z.number().int().nonnegative(),
  supergraphHash: z.string().nullable(),
  updatedAt: z.string(),
  /** When an administrator accepted a store the registry had refused, and what it replaced. */
  accepted: z.object({ at: z.string(), replaced: z.string() }).optional(),
});

export type RegistryState = z.infer<typeof registryStateSchema>;

export const defaultStateFile = (registryDir: string): string => join(registryDir, 'registry-state.json');

export async function readRegistryState(path: string): Promise<RegistryState | null> {
  let raw: unknown;
  try { raw = await readJsonFile<unknown>(path); } catch (error) {
    throw new Error(`The registry state file ${path} is not JSON (${(error as Error).message}): fix or remove it, then start with --accept-store.`);
  }
  if (raw === null) return null;
  const parsed = registryStateSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`The registry state file ${path} is malformed (${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}).`);
  return parsed.data;
}

export async function writeRegistryState(path: string, state: RegistryState): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  await replaceFile(path, `${JSON.stringify(state, null, 2)}\n`);
}
