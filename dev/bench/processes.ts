/** Child processes of the benchmark: started with tsx, ready when they print a line matching `ready`. */
import { spawn, type ChildProcess } from 'node:child_process';

export interface Child { process: ChildProcess; line: string; stop(): Promise<void> }

export function startChild(script: string, args: string[], ready: RegExp, env: NodeJS.ProcessEnv = {}): Promise<Child> {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    env: { ...process.env, APOLLO_TELEMETRY_DISABLED: 'true', NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split('\n').find((l) => ready.test(l));
      if (line) {
        child.stdout.removeAllListeners('data');
        child.stdout.resume();
        resolve({
          process: child,
          line,
          stop: () => new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
        });
      }
    });
    child.once('exit', (code) => reject(new Error(`${script} exited (${code}) before it was ready:\n${output}`)));
  });
}
