/**
 * The durable file operations the file store is built from. Each leaves a file either as it was or as
 * intended, never torn, across a crash or power loss:
 * - replace: write a temporary file, fsync it, rename it over the target, fsync the directory
 *   (rename is atomic on POSIX; the directory fsync makes the rename itself durable);
 * - append: one write of whole lines, then fsync; a crash may leave a partial last line, which
 *   readJsonLines reports so that the store cuts it off when it reopens.
 */
import { randomBytes } from 'node:crypto';
import { open, readFile, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Temporary files carry this marker: any found when a store opens belong to an interrupted write. */
export const TEMP_MARKER = '.tmp-';

async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try { await handle.sync(); } finally { await handle.close(); }
}

export async function replaceFile(path: string, data: string): Promise<void> {
  const temp = join(dirname(path), `${basename(path)}${TEMP_MARKER}${process.pid}-${randomBytes(4).toString('hex')}`);
  const handle = await open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(data, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncDirectory(dirname(path));
}

/** Appends whole lines (each JSON value on one line) and fsyncs before returning. */
export async function appendLines(path: string, values: readonly unknown[]): Promise<void> {
  const handle = await open(path, 'a', 0o600);
  try {
    await handle.writeFile(values.map((v) => `${JSON.stringify(v)}\n`).join(''), 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Cuts a file back to `length` bytes, durably: how an interrupted or uncommitted append is undone. */
export async function truncateFile(path: string, length: number): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    await handle.truncate(length);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export interface JsonLines<T> {
  values: T[];
  /** Where each value's line ends (the byte after its newline): the length to cut the file back to. */
  ends: number[];
  /** Bytes of whole, parseable lines from the start: what the file should be cut back to. */
  validLength: number;
  /** The file's actual size: larger than validLength after a torn or corrupt tail. */
  size: number;
}

/** Reads a JSON-lines file, stopping at the first line that is incomplete (no newline) or not JSON. */
export async function readJsonLines<T>(path: string): Promise<JsonLines<T>> {
  let raw: Buffer;
  try { raw = await readFile(path); } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { values: [], ends: [], validLength: 0, size: 0 };
    throw error;
  }
  const values: T[] = [];
  const ends: number[] = [];
  let offset = 0;
  while (offset < raw.length) {
    const end = raw.indexOf(0x0a, offset);
    if (end < 0) break;
    try { values.push(JSON.parse(raw.subarray(offset, end).toString('utf8')) as T); } catch { break; }
    offset = end + 1;
    ends.push(offset);
  }
  return { values, ends, validLength: offset, size: raw.length };
}

export async function readJsonFile<T>(path: string): Promise<T | null> {
  try { return JSON.parse(await readFile(path, 'utf8')) as T; } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Removes the temporary files of interrupted replaceFile calls; returns their names. */
export async function removeTempFiles(dir: string): Promise<string[]> {
  const leftovers = (await readdir(dir)).filter((name) => name.includes(TEMP_MARKER));
  await Promise.all(leftovers.map((name) => rm(join(dir, name), { force: true })));
  return leftovers;
}
