// `npm start` as a user runs it: the banner with the Sandbox URL and a token, the mobile account home
// answering real data through the gateway, Sandbox served, and Ctrl-C stopping everything.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { postJson } from '../../test/support/http.ts';

// Far from the default ports (a developer's own `npm start` may keep running), and below the kernel's
// ephemeral range (32768+), where the random ports of tests running in parallel are taken.
const OFFSET = 10_000 + (process.pid % 400) * 25;

describe('npm start', () => {
  it('prints the Sandbox URL and a token, serves the account home, and stops on Ctrl-C', async () => {
    const child = spawn('npm', ['start'], {
      env: { ...process.env, PASSERELLE_PORT_OFFSET: String(OFFSET), NODE_ENV: 'development' },
      stdio: ['ignore', 'pipe', 'pipe'], detached: true,
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => { output += c.toString(); });
    child.stderr.on('data', (c: Buffer) => { output += c.toString(); });
    try {
      const sandbox = await new Promise<string>((resolve, reject) => {
        const timer = setInterval(() => {
          const match = /Ready in \d+ ms: Sandbox at (\S+)/.exec(output);
          if (match) { clearInterval(timer); resolve(match[1] as string); }
        }, 50);
        child.once('exit', (code) => { clearInterval(timer); reject(new Error(`npm start exited (${code}):\n${output}`)); });
      });
      expect(sandbox).toBe(`http://127.0.0.1:${4000 + OFFSET}/`);
      const token = /"Authorization": "Bearer ([^"]+)"/.exec(output)?.[1];
      expect(token).toBeDefined();

      const page = await fetch(sandbox, { headers: { accept: 'text/html' } });
      expect(await page.text()).toMatch(/sandbox/i);
      const home = await postJson(`${sandbox}graphql`, { query: readFileSync(new URL('../../clients/mobile/operations/AccountHome.graphql', import.meta.url), 'utf8') }, {
        authorization: `Bearer ${token}`, 'apollographql-client-name': 'passerelle-mobile', 'apollographql-client-version': '1.0.0',
      });
      expect(home.body.errors).toBeUndefined();
      expect(home.body.data.me.orders.nodes.length).toBeGreaterThan(0);
      // A browser app on a dev server (Vite's http://localhost:5173) may call the graph: loopback origins are allowed in development.
      const preflight = await fetch(`${sandbox}graphql`, { method: 'OPTIONS', headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST' } });
      expect([preflight.status, preflight.headers.get('access-control-allow-origin')]).toEqual([204, 'http://localhost:5173']);
    } finally {
      // Ctrl-C reaches the whole process group, as in a terminal.
      if (child.pid && child.exitCode === null) process.kill(-child.pid, 'SIGINT');
    }
    await once(child, 'exit');
    expect(output).toContain('Stopped.');
  }, 60_000);
});
