// `npm start` as a user runs it: the banner with the Sandbox URL and a token, the mobile account home
// answering real data through the gateway, Sandbox served, and Ctrl-C stopping everything. And the first
// hour (issue 11): its addresses in the stack file, found by `npm run token`; the docs page a browser opens
// from the banner; a PASSERELLE_REGISTRY_DIR that does not exist yet.
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { StackFile } from '../../contracts/lib/stack-addresses.ts';
import { postJson } from '../../test/support/http.ts';
import { sandboxHeadersLine } from '../identity/sandbox-headers.ts';

// Far from the default ports (a developer's own `npm start` may keep running), and below the kernel's
// ephemeral range (32768+), where the random ports of tests running in parallel are taken.
const OFFSET = 10_000 + (process.pid % 400) * 25;

describe('npm start', () => {
  it('prints the Sandbox URL and a token, serves the account home, and stops on Ctrl-C', async () => {
    const scratch = mkdtempSync(join(tmpdir(), 'passerelle-npm-start-'));
    // Not the developer's .passerelle/stack.json: their own `npm start` may be running.
    const stackFile = join(scratch, 'stack.json');
    const registryDir = join(scratch, 'registry', 'not-yet-there');
    const child = spawn('npm', ['start'], {
      env: { ...process.env, PASSERELLE_PORT_OFFSET: String(OFFSET), NODE_ENV: 'development', PASSERELLE_STACK_FILE: stackFile, PASSERELLE_REGISTRY_DIR: registryDir, PASSERELLE_USAGE_DIR: join(scratch, 'usage') },
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
      // The banner's headers are the ones `npm run token -- --header` prints (one function).
      expect(output).toContain(`  ${sandboxHeadersLine(token as string)}\n`);
      // Timed from the start of the process, module loading included (seconds, not a few ms).
      expect(Number(/Ready in (\d+) ms/.exec(output)?.[1])).toBeGreaterThan(300);

      const addresses = JSON.parse(readFileSync(stackFile, 'utf8')) as StackFile;
      expect(addresses).toMatchObject({
        portOffset: OFFSET, gateway: { url: `http://127.0.0.1:${4000 + OFFSET}/graphql`, adminUrl: `http://127.0.0.1:${4300 + OFFSET}` },
        identity: { url: `http://127.0.0.1:${4100 + OFFSET}` }, registry: { url: `http://127.0.0.1:${4200 + OFFSET}`, docsUrl: `http://127.0.0.1:${4200 + OFFSET}/docs` },
      });
      expect(Object.keys(addresses.subgraphs).length).toBe(5);
      expect(Object.keys(addresses.legacy).length).toBeGreaterThan(0);
      expect(statSync(registryDir).mode & 0o777).toBe(0o700);

      // `npm run token` with no address at all finds this stack's identity provider through the file.
      const cli = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('../identity/token-cli.ts', import.meta.url)), '--client', 'mobile', '--header'], {
        env: { PATH: process.env['PATH'] ?? '', PASSERELLE_STACK_FILE: stackFile }, encoding: 'utf8',
      });
      expect(cli.stderr).toBe('');
      const cliToken = (JSON.parse(cli.stdout) as { Authorization: string }).Authorization.replace('Bearer ', '');
      expect(cli.stdout.trim()).toBe(sandboxHeadersLine(cliToken));

      // The docs link of the banner opens in a browser: a page, with no credential in the URL.
      const docsUrl = /Schema docs\s+(\S+)/.exec(output)?.[1];
      expect(docsUrl).toBe(addresses.registry?.docsUrl);
      const docs = await fetch(docsUrl as string, { headers: { accept: 'text/html' } });
      expect([docs.status, docs.headers.get('content-type')]).toEqual([200, 'text/html; charset=utf-8']);
      expect(await docs.text()).toContain('Passerelle graph reference');

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

      // The usage report of the banner, with its credential, shows the account home once flushed (every 2 s in the stack).
      const usageLine = /(PASSERELLE_REGISTRY_TOKEN=\S+) npm run usage -- report/.exec(output);
      expect(usageLine).not.toBeNull();
      let report = '';
      for (let i = 0; i < 40 && !report.includes('AccountHome'); i += 1) {
        await new Promise((r) => setTimeout(r, 250));
        report = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('../../registry/cli/usage-main.ts', import.meta.url)), 'report'], {
          env: { PATH: process.env['PATH'] ?? '', PASSERELLE_STACK_FILE: stackFile, PASSERELLE_REGISTRY_TOKEN: usageLine![1]!.split('=')[1]! }, encoding: 'utf8',
        }).stdout;
      }
      expect(report).toMatch(/passerelle-mobile\s+1\.0\.0\s+AccountHome/);
    } finally {
      // Ctrl-C reaches the whole process group, as in a terminal.
      if (child.pid && child.exitCode === null) process.kill(-child.pid, 'SIGINT');
    }
    await once(child, 'exit');
    expect(output).toContain('Stopped.');
    expect(existsSync(stackFile)).toBe(false);
  }, 90_000);
});
