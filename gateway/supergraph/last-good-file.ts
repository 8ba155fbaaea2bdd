/**
 * The last supergraph a gateway served, kept on local disk (atomic write), so that a gateway starting
 * while the registry is down still serves the schema it last had.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

export interface LastGood { version: number | null; sdl: string }

export async function saveLastGood(path: string, value: LastGood): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, JSON.stringify(value), { flush: true });
  await rename(temp, path);
}

export async function readLastGood(path: string): Promise<LastGood | null> {
  try {
    const parsed = JSON.parse(await readFile(path, 'utf8')) as LastGood;
    return typeof parsed.sdl === 'string' ? parsed : null;
  } catch {
    return null;
  }
}
