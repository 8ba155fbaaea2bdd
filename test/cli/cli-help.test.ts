// Every CLI answers --help (and -h) with its usage and exit 0, and a wrong flag with one line, the usage
// and exit 2, never a stack trace (issue 11, "the first hour"). Each runs as `npm run x` runs it, through tsx.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLIS = [
  'dev/identity/token-cli.ts', 'gateway/admin/cache-cli.ts', 'registry/cli/main.ts', 'clients/persisted/main.ts',
  'registry/docs/main.ts', 'schema/compose.ts', 'gateway/main.ts', 'subgraphs/main.ts', 'registry/main.ts',
  'dev/legacy/main.ts', 'dev/identity/main.ts', 'dev/bench/main.ts', 'dev/stack/main.ts',
];
const STACK_TRACE = /^\s+at .+:\d+/m;

function run(file: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', file, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_ENV: 'development' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => { stdout += c.toString(); });
    child.stderr.on('data', (c: Buffer) => { stderr += c.toString(); });
    // A CLI that ignores --help would start a server: it is stopped, and the test fails on its exit code.
    const timer = setTimeout(() => child.kill('SIGKILL'), 25_000);
    child.once('error', reject);
    child.once('exit', (code) => { clearTimeout(timer); resolve({ code, stdout, stderr }); });
  });
}

/** At most a few at once: the machine is shared. */
async function each<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: limit }, async () => {
    while (next < items.length) { const i = next++; results[i] = await fn(items[i] as T); }
  }));
  return results;
}

describe('every CLI', () => {
  it('answers --help (and -h) with its usage and exit 0', async () => {
    // -h is the same code path (contracts/lib/cli.ts, and registry/cli/args.ts): a few prove it.
    const runs = await each([...CLIS.map((file) => [file, '--help'] as const), ...CLIS.slice(0, 3).map((file) => [file, '-h'] as const)], 3, ([file, flag]) => run(file, [flag]).then((r) => ({ file, flag, ...r })));
    for (const r of runs) {
      expect({ file: r.file, flag: r.flag, code: r.code }).toEqual({ file: r.file, flag: r.flag, code: 0 });
      expect(r.stdout, r.file).toMatch(/^Usage: /);
      expect(`${r.stdout}${r.stderr}`, r.file).not.toMatch(STACK_TRACE);
    }
  }, 180_000);

  it('answers an unknown flag with one error line, the usage and exit 2', async () => {
    const runs = await each(CLIS, 3, (file) => run(file, ['--no-such-flag']).then((r) => ({ file, ...r })));
    for (const r of runs) {
      expect({ file: r.file, code: r.code }).toEqual({ file: r.file, code: 2 });
      const [first, blank, usage] = r.stderr.split('\n');
      expect(first, r.file).toMatch(/^error: Unknown option '--no-such-flag'/);
      expect([blank, usage?.startsWith('Usage: ')], r.file).toEqual(['', true]);
      expect(r.stderr, r.file).not.toMatch(STACK_TRACE);
    }
  }, 180_000);
});
