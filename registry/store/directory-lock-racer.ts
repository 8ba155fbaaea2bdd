/**
 * Test support, run as a child process (directory-lock.test.ts): for each line `{"dir","at"}` on stdin,
 * waits until the instant `at` (so that every racer tries at once), tries to lock `dir`, and answers one
 * line `{"dir","won","error"}`. Locks won are kept (this process stays alive, so they are not stale)
 * until stdin closes.
 */
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { acquireDirectoryLock } from './directory-lock.ts';

for await (const line of createInterface({ input: process.stdin })) {
  const { dir, at } = JSON.parse(line) as { dir: string; at: number };
  await sleep(Math.max(0, at - Date.now()));
  let answer: { dir: string; won: boolean; error?: string };
  try {
    await acquireDirectoryLock(dir);
    answer = { dir, won: true };
  } catch (error) {
    answer = { dir, won: false, error: (error as Error).message };
  }
  process.stdout.write(`${JSON.stringify(answer)}\n`);
}
