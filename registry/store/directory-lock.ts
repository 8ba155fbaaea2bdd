/**
 * One registry process per store directory: two processes appending to the same files would number
 * versions independently.
 *
 * Exclusive under races: the owner (pid, host, a random token) is written and fsynced to a file of this
 * process's own first, then link()ed to `registry.lock`; link fails when the lock exists, so exactly one
 * racer creates it, and nobody can ever read a lock that is empty or half written (open 'wx' then write
 * would let a racer read an empty file in between and take it for stale).
 *
 * A lock whose owner process is gone (a crash) is taken over by compare-and-delete, under a takeover guard
 * (`registry.lock.takeover`, created the same way): only the guard's holder deletes a lock, and only the
 * very file it inspected as stale (same inode and content); the others back off and retry, then find the
 * new live owner. Renaming a lock aside and putting it back is not enough alone: while it is aside a third
 * racer can lock, and two would win. A guard left by a crash mid-takeover (a window of milliseconds) is
 * removed by rename, compare, delete. A lock of another host is never taken over.
 * A second store opened by the same process (a test reopening after a simulated crash) is allowed: the
 * in-process publish queue already serializes it.
 */
import { randomBytes } from 'node:crypto';
import { link, open, readFile, rename, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const LOCK_FILE = 'registry.lock';
/** How many times a racer retries while another takes a stale lock over, and how long it waits each time. */
export const DIRECTORY_LOCK_DEFAULTS = Object.freeze({ attempts: 50, backoffMs: 10 });

export interface LockOwner { pid: number; host: string; token: string; since: string }

export class DirectoryLockedError extends Error {
  constructor(readonly dir: string, readonly owner: LockOwner) {
    super(`Registry store ${dir} is in use by process ${owner.pid} on ${owner.host}: with several registries, use the Redis store.`);
  }
}

function alive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch (error) { return (error as NodeJS.ErrnoException).code === 'EPERM'; }
}

/** The owner written in a lock; a lock of the old format (a bare pid) is read as a local owner. */
export function parseOwner(raw: string): LockOwner | null {
  const trimmed = raw.trim();
  if (/^\d+$/.test(trimmed)) return { pid: Number(trimmed), host: hostname(), token: `legacy-${trimmed}`, since: '' };
  try {
    const owner = JSON.parse(trimmed) as Partial<LockOwner>;
    if (Number.isInteger(owner.pid) && typeof owner.host === 'string' && typeof owner.token === 'string') return owner as LockOwner;
  } catch { /* corrupt: handled by the caller */ }
  return null;
}

async function writeSynced(path: string, data: string): Promise<void> {
  const handle = await open(path, 'wx', 0o600);
  try { await handle.writeFile(data, 'utf8'); await handle.sync(); } finally { await handle.close(); }
}

/** The inode and content of one and the same file (one handle), whatever renames happen meanwhile. */
async function inspect(path: string): Promise<{ ino: number; raw: string }> {
  const handle = await open(path, 'r');
  try { return { ino: (await handle.stat()).ino, raw: await handle.readFile('utf8') }; } finally { await handle.close(); }
}

const code = (error: unknown) => (error as NodeJS.ErrnoException).code;

/** Renames a file aside and deletes it only if it is the one inspected (same inode and content); else puts it back. */
async function removeIfSame(path: string, inspected: { ino: number; raw: string }): Promise<void> {
  const aside = `${path}.stale-${process.pid}-${randomBytes(6).toString('hex')}`;
  try { await rename(path, aside); } catch (error) { if (code(error) === 'ENOENT') return; throw error; }
  const now = await inspect(aside);
  if (now.ino !== inspected.ino || now.raw !== inspected.raw) await link(aside, path).catch(() => {});
  await rm(aside, { force: true });
}

/** A dead owner's lock, removed only by the holder of the takeover guard, which removes only a stale lock. */
async function takeOver(path: string, candidate: string, inspected: { ino: number; raw: string }, self: LockOwner): Promise<void> {
  const guard = `${path}.takeover`;
  try {
    await link(candidate, guard);
  } catch (error) {
    if (code(error) !== 'EEXIST') throw error;
    // Another racer is taking over: back off. A guard left by a crash mid-takeover is removed (rare: crash within ms).
    const held = await inspect(guard).catch(() => null);
    const owner = held && parseOwner(held.raw);
    if (held && (!owner || (owner.host === self.host && !alive(owner.pid)))) await removeIfSame(guard, held);
    await sleep(DIRECTORY_LOCK_DEFAULTS.backoffMs);
    return;
  }
  try {
    // Holding the guard, nobody else removes the lock: if it is still the stale file inspected, it stays stale.
    const now = await inspect(path).catch(() => null);
    if (now && now.ino === inspected.ino && now.raw === inspected.raw) await rm(path, { force: true });
  } finally {
    const raw = await readFile(guard, 'utf8').catch(() => '');
    if (parseOwner(raw)?.token === self.token) await rm(guard, { force: true });
  }
}

/** Takes the directory's lock; resolves to its release. Throws DirectoryLockedError when a live process holds it. */
export async function acquireDirectoryLock(dir: string, attempts: number = DIRECTORY_LOCK_DEFAULTS.attempts): Promise<() => Promise<void>> {
  const path = join(dir, LOCK_FILE);
  const owner: LockOwner = { pid: process.pid, host: hostname(), token: randomBytes(16).toString('hex'), since: new Date().toISOString() };
  const candidate = `${path}.candidate-${process.pid}-${owner.token.slice(0, 12)}`;
  await writeSynced(candidate, JSON.stringify(owner));
  const release = async () => {
    // Compare-and-delete again: never remove a lock that is no longer ours.
    const raw = await readFile(path, 'utf8').catch(() => '');
    if (parseOwner(raw)?.token === owner.token) await rm(path, { force: true });
  };
  try {
    for (let attempt = 0; attempt < attempts; attempt++) {
      try {
        await link(candidate, path);
        return release;
      } catch (error) {
        if (code(error) !== 'EEXIST') throw error;
      }
      let inspected: { ino: number; raw: string };
      try {
        inspected = await inspect(path);
      } catch (error) {
        if (code(error) === 'ENOENT') continue; // released meanwhile: try again
        throw error;
      }
      const holder = parseOwner(inspected.raw);
      if (holder && holder.host === owner.host && holder.pid === process.pid) return async () => {};
      if (holder && (holder.host !== owner.host || alive(holder.pid))) throw new DirectoryLockedError(dir, holder);
      // Dead owner (or an unreadable lock, which link() never produces): take it over, or lose to whoever does.
      await takeOver(path, candidate, inspected, owner);
    }
    throw new Error(`Could not lock registry store ${dir}: its lock changed hands ${attempts} times; try again.`);
  } finally {
    await rm(candidate, { force: true });
  }
}
