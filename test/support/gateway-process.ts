/**
 * A gateway as its own process (compiled `node dist/gateway/main.js` or `node --import tsx gateway/main.ts`),
 * on port 0: waits for its "ready at" line, then for a 200 from GET /health, and says how long the start took
 * (spawn to first healthy answer, wall time), so that tests and measurements compare like with like.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

export interface GatewayProcess { url: string; startupMs: number; output(): string; stop(): Promise<number | null> }

export async function startGatewayProcess(argv: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<GatewayProcess> {
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, argv, { env: options.env ?? process.env, cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /ready at (http:\/\/\S+)/.exec(output);
      if (match) resolve(match[1] as string);
    });
    child.stderr?.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    child.once('exit', (code) => reject(new Error(`gateway exited early (${code}): ${output}`)));
  });
  const health = new URL('/health', url);
  for (;;) {
    const ok = await fetch(health).then((r) => r.status === 200, () => false);
    if (ok) break;
    if (performance.now() - started > 60_000) throw new Error(`no healthy answer within 60 s: ${output}`);
    await new Promise((r) => setTimeout(r, 10));
  }
  const startupMs = performance.now() - started;
  return {
    url, startupMs, output: () => output,
    async stop() {
      if (child.exitCode !== null) return child.exitCode;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      return ((await exited) as [number | null])[0];
    },
  };
}
