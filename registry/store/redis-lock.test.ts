import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { redisServerInstalled } from '../../test/support/redis-process.ts';
import { LockTimeoutError, withRedisLock } from './redis-lock.ts';

const LEASE = { leaseMs: 400, waitMs: 600, retryMs: 20 };
const KEY = 'passerelle-test:lock:publish';

/** A redis-server of this test's own with AOF (appendfsync always), as the registry requires: its keys survive a restart. */
async function persistentRedis() {
  const dir = await mkdtemp(join(tmpdir(), 'passerelle-redis-aof-'));
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  let child: ChildProcess | null = null;
  return {
    url: `redis://127.0.0.1:${port}`,
    async start() {
      child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'yes', '--appendfsync', 'always'], { stdio: ['ignore', 'pipe', 'ignore'] });
      await new Promise<void>((resolve, reject) => {
        child?.stdout?.on('data', (chunk: Buffer) => { if (chunk.toString().includes('Ready to accept connections')) resolve(); });
        child?.once('exit', (code) => reject(new Error(`redis-server exited (${code})`)));
      });
    },
    /** A crash: SIGKILL, nothing flushed but what AOF already has. */
    async kill() { if (child && child.exitCode === null) { const exited = once(child, 'exit'); child.kill('SIGKILL'); await exited; } },
    async remove() { await this.kill(); await rm(dir, { recursive: true, force: true }); },
  };
}

describe.skipIf(!redisServerInstalled)('the Redis publish lock is a lease', () => {
  let redis: Awaited<ReturnType<typeof persistentRedis>>;
  let client: Redis;
  beforeAll(async () => {
    redis = await persistentRedis();
    await redis.start();
    client = new Redis(redis.url, { maxRetriesPerRequest: 0, retryStrategy: () => 50 });
    client.on('error', () => {});
  });
  afterAll(async () => { client.disconnect(); await redis.remove(); });

  it('is renewed while its holder runs, so a publish longer than the lease keeps it', async () => {
    const events: string[] = [];
    const holder = withRedisLock(client, KEY, async () => { events.push('holder in'); await sleep(LEASE.leaseMs * 3); events.push('holder out'); }, LEASE);
    await sleep(50);
    await expect(withRedisLock(client, KEY, async () => events.push('waiter ran'), { ...LEASE, waitMs: LEASE.leaseMs * 2 })).rejects.toBeInstanceOf(LockTimeoutError);
    await holder;
    expect(events).toEqual(['holder in', 'holder out']);
    expect(await client.get(KEY)).toBeNull();
  });

  it('left by a crashed holder (never renewed, never released), it is taken once its lease ends', async () => {
    await client.set(KEY, 'crashed-holder', 'PX', LEASE.leaseMs);
    expect(await withRedisLock(client, KEY, async () => 'published', LEASE)).toBe('published');
    expect(await client.get(KEY)).toBeNull();
  });

  it('surviving a Redis restart with its holder\'s release lost, it blocks no longer than its lease', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => { release = resolve; });
    const holder = withRedisLock(client, KEY, () => held, LEASE);
    await sleep(50);
    expect(await client.get(KEY)).not.toBeNull();
    await redis.kill();
    release(); // the holder finishes while Redis is down: its release is lost
    await holder;
    await redis.start();
    // AOF kept the lock, with its expiry: without a lease it would block every publish for as long as its TTL.
    await vi.waitFor(async () => expect(await client.pttl(KEY)).toBeGreaterThan(0), { timeout: 5_000, interval: 50 });
    expect(await withRedisLock(client, KEY, async () => 'published after the restart', LEASE)).toBe('published after the restart');
  });
});
