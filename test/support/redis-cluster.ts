/**
 * A real Redis Cluster of the test's own: three primaries (no replicas) started with the machine's
 * `redis-server`, on free ports, in a temporary directory, joined with `redis-cli --cluster create`, and
 * torn down after. The cluster tests run wherever redis-server is installed; in CI (CI=true or
 * PASSERELLE_REQUIRE_REDIS=true) a missing redis-server fails them instead of skipping (.ci/run installs it).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const installed = spawnSync('redis-server', ['--version']).status === 0 && spawnSync('redis-cli', ['--version']).status === 0;
const required = process.env['CI'] === 'true' || process.env['PASSERELLE_REQUIRE_REDIS'] === 'true';
if (!installed && required) throw new Error('redis-server and redis-cli are required for the Redis Cluster tests (CI): apt-get install redis-server redis-tools');
/** True when the cluster tests should run. */
export const redisClusterAvailable = installed;

export interface RedisClusterProcess {
  /** redis-cluster://127.0.0.1:p1,127.0.0.1:p2,127.0.0.1:p3 */
  url: string;
  ports: number[];
  stop(): Promise<void>;
}

/** A free port on loopback; the cluster bus needs one of its own (cluster-port), not port + 10000. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function startNode(dir: string, port: number, busPort: number): Promise<ChildProcess> {
  const child = spawn('redis-server', [
    '--port', String(port), '--cluster-port', String(busPort), '--bind', '127.0.0.1',
    '--cluster-enabled', 'yes', '--cluster-config-file', `nodes-${port}.conf`, '--cluster-node-timeout', '2000',
    '--dir', dir, '--save', '', '--appendonly', 'no',
  ], { stdio: ['ignore', 'pipe', 'ignore'] });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`redis-server on ${port} exited (${code})`)));
  });
}

function cli(...args: string[]): string {
  const result = spawnSync('redis-cli', args, { encoding: 'utf8', timeout: 30_000 });
  if (result.status !== 0) throw new Error(`redis-cli ${args.join(' ')} failed: ${result.stderr || result.stdout}`);
  return result.stdout;
}

/** Waits until every node says cluster_state:ok (all 16384 slots assigned and agreed upon). */
async function untilClusterOk(ports: number[], timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = ports.every((port) => cli('-h', '127.0.0.1', '-p', String(port), 'cluster', 'info').includes('cluster_state:ok'));
    if (ok) return;
    if (Date.now() > deadline) throw new Error('the Redis Cluster did not reach cluster_state:ok');
    await sleep(100);
  }
}

export async function startRedisCluster(primaries = 3): Promise<RedisClusterProcess> {
  const dir = await mkdtemp(join(tmpdir(), 'passerelle-redis-cluster-'));
  const children: ChildProcess[] = [];
  // A test process that dies without its afterAll must not leave nodes behind.
  const killAll = (): void => { for (const child of children) if (child.exitCode === null) child.kill('SIGKILL'); };
  process.once('exit', killAll);
  const stop = async (): Promise<void> => {
    process.off('exit', killAll);
    await Promise.all(children.filter((c) => c.exitCode === null).map(async (child) => {
      const exited = once(child, 'exit');
      child.kill('SIGKILL');
      await exited;
    }));
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const ports: number[] = [];
    for (let i = 0; i < primaries; i += 1) {
      const port = await freePort();
      children.push(await startNode(dir, port, await freePort()));
      ports.push(port);
    }
    cli('--cluster', 'create', ...ports.map((p) => `127.0.0.1:${p}`), '--cluster-replicas', '0', '--cluster-yes');
    await untilClusterOk(ports);
    return { url: `redis-cluster://${ports.map((p) => `127.0.0.1:${p}`).join(',')}`, ports, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
