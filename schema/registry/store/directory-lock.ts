/**
 * One registry process per store directory: two processes appending to the same files would number
 * versions independently. The lock file holds the owner's pid; a lock whose process is gone (a crash)
 * is taken over. A second store opened by the same process (a test reopening after a simulated crash)
 * is allowed: the in-process publish queue already serializes it.
 */
import { open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';

const LOCK_FILE = 'registry.lock';

function alive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch (error) { return (error as NodeJS.ErrnoException).code === 'EPERM'; }
}

/** Takes the directory's lock; resolves to its release. Throws when another live process holds it. */
export async function acquireDirectoryLock(dir: string): Promise<() => Promise<void>> {
  const path = join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(path, 'wx', 0o600);
      await handle.writeFile(String(process.pid));
      await handle.close();
      return async () => { await rm(path, { force: true }); };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number((await readFile(path, 'utf8').catch(() => '')).trim());
      if (holder === process.pid) return async () => { await rm(path, { force: true }); };
      if (Number.isInteger(holder) && holder > 0 && alive(holder)) {
        throw new Error(`Registry store ${dir} is in use by process ${holder}: with several registries, use the Redis store.`);
      }
      await rm(path, { force: true });
    }
  }
  throw new Error(`Could not lock registry store ${dir}.`);
}
