import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireDirectoryLock, LOCK_FILE, parseOwner } from './directory-lock.ts';

const RACERS = 8;
const ROUNDS = 24;
/** A pid above the kernel's pid_max: the lock of a crashed registry. */
const DEAD_PID = 4_194_305;

interface Racer { child: ChildProcess; answers: AsyncIterator<string> }

describe('the file store directory lock, raced by several processes', () => {
  let root: string;
  const racers: Racer[] = [];

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'passerelle-lock-race-'));
    for (let i = 0; i < RACERS; i++) {
      const child = spawn(process.execPath, ['--import', 'tsx', new URL('./directory-lock-racer.ts', import.meta.url).pathname], { stdio: ['pipe', 'pipe', 'inherit'] });
      racers.push({ child, answers: createInterface({ input: child.stdout! })[Symbol.asyncIterator]() });
    }
    // Each racer answers a probe once it is loaded, so that rounds start with every process ready.
    await race(join(root, 'warm-up'), 0);
  }, 60_000);

  afterAll(async () => {
    for (const { child } of racers) child.stdin?.end();
    await Promise.all(racers.map(({ child }) => new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)))));
    await rm(root, { recursive: true, force: true });
  });

  async function race(dir: string, delayMs = 150): Promise<{ won: boolean; error?: string }[]> {
    const at = Date.now() + delayMs;
    for (const { child } of racers) child.stdin!.write(`${JSON.stringify({ dir, at })}\n`);
    return Promise.all(racers.map(async ({ answers }) => JSON.parse((await answers.next()).value as string)));
  }

  it(`lets exactly one of ${RACERS} processes acquiring at the same instant win, ${ROUNDS} times`, async () => {
    const winners: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const dir = join(root, `fresh-${round}`);
      await mkdir(dir);
      const answers = await race(dir);
      winners.push(answers.filter((a) => a.won).length);
      for (const loser of answers.filter((a) => !a.won)) expect(loser.error).toMatch(/is in use by process \d+/);
    }
    expect(winners).toEqual(Array(ROUNDS).fill(1));
  }, 120_000);

  it('lets exactly one of them take over the lock of a dead process, and leaves no stray file', async () => {
    const winners: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const dir = join(root, `stale-${round}`);
      await mkdir(dir);
      await writeFile(join(dir, LOCK_FILE), JSON.stringify({ pid: DEAD_PID, host: hostname(), token: 'crashed', since: '' }));
      const answers = await race(dir);
      winners.push(answers.filter((a) => a.won).length);
      const owner = parseOwner(await readFile(join(dir, LOCK_FILE), 'utf8'));
      expect(racers.map((r) => r.child.pid)).toContain(owner?.pid);
      expect(await readdir(dir)).toEqual([LOCK_FILE]);
    }
    expect(winners).toEqual(Array(ROUNDS).fill(1));
  }, 120_000);
});

describe('the directory lock in one process', () => {
  it('refuses a live owner, takes over a dead one (old bare-pid format too), and releases only its own lock', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'passerelle-lock-'));
    try {
      await writeFile(join(dir, LOCK_FILE), String(process.ppid));
      await expect(acquireDirectoryLock(dir)).rejects.toThrow(`in use by process ${process.ppid}`);
      await writeFile(join(dir, LOCK_FILE), String(DEAD_PID));
      const release = await acquireDirectoryLock(dir);
      expect(parseOwner(await readFile(join(dir, LOCK_FILE), 'utf8'))?.pid).toBe(process.pid);
      // Someone else's lock now (e.g. taken over after this process was thought dead): release leaves it.
      await writeFile(join(dir, LOCK_FILE), JSON.stringify({ pid: process.ppid, host: 'elsewhere', token: 'theirs', since: '' }));
      await release();
      expect(parseOwner(await readFile(join(dir, LOCK_FILE), 'utf8'))?.token).toBe('theirs');
      // A lock of another host is never taken over, whatever its pid.
      await writeFile(join(dir, LOCK_FILE), JSON.stringify({ pid: DEAD_PID, host: 'elsewhere', token: 'theirs', since: '' }));
      await expect(acquireDirectoryLock(dir)).rejects.toThrow(/on elsewhere/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
