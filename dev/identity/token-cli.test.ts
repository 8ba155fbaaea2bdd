// `npm run token -- --header` prints the same headers as `npm start`'s banner (one function, and the token's
// own client), and finds the running stack's identity provider through the stack file, on any port.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StackFile } from '../../contracts/lib/stack-addresses.ts';
import { sandboxHeaders, sandboxHeadersLine } from './sandbox-headers.ts';
import { startIdentityProvider, type IdentityProvider } from './server.ts';

const CLI = fileURLToPath(new URL('./token-cli.ts', import.meta.url));
let idp: IdentityProvider;
beforeAll(async () => { idp = await startIdentityProvider({ port: 0 }); });
afterAll(async () => { await idp.close(); });

function token(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      // No address from the developer's environment: only what each case gives.
      env: { PATH: process.env['PATH'] ?? '', PASSERELLE_STACK_FILE: join(tmpdir(), 'passerelle-no-stack.json'), ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => { stdout += c.toString(); });
    child.stderr.on('data', (c: Buffer) => { stderr += c.toString(); });
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm run token', () => {
  it('--header prints the banner\'s headers: Authorization and the client the token was issued to', async () => {
    const out = await token(['--as', 'customer', '--client', 'mobile', '--header', '--idp', idp.issuer], {});
    expect(out.code).toBe(0);
    const printed = out.stdout.trim();
    const bearer = (JSON.parse(printed) as Record<string, string>)['Authorization']?.replace(/^Bearer /, '') ?? '';
    // The banner prints sandboxHeadersLine(token) for its token: the same function, so the same line.
    expect(printed).toBe(sandboxHeadersLine(bearer));
    expect(sandboxHeaders(bearer)).toEqual({
      Authorization: `Bearer ${bearer}`, 'apollographql-client-name': 'passerelle-mobile', 'apollographql-client-version': '1.0.0',
    });
    // The format the banner has always shown ("key": "value"), which Sandbox's Headers panel accepts.
    expect(printed).toMatch(/^\{"Authorization": "Bearer [^"]+", "apollographql-client-name": "passerelle-mobile", "apollographql-client-version": "1.0.0"\}$/);
  });

  it('finds the identity provider of the running stack through its stack file', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'passerelle-token-')), 'stack.json');
    const stack: StackFile = {
      pid: process.pid, startedAt: new Date().toISOString(), portOffset: 0, identity: { url: idp.issuer },
      gateway: { url: 'http://127.0.0.1:1/graphql', adminUrl: 'http://127.0.0.1:1' }, registry: null, subgraphs: {}, legacy: {},
    };
    writeFileSync(file, JSON.stringify(stack));
    const out = await token(['--as', 'partner'], { PASSERELLE_STACK_FILE: file });
    expect(out.code).toBe(0);
    expect(out.stdout.trim()).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  });

  it('says where it looked, moved by PASSERELLE_PORT_OFFSET, when nothing answers', async () => {
    const out = await token([], { PASSERELLE_PORT_OFFSET: '21000' });
    expect(out.code).toBe(1);
    expect(out.stderr).toContain('does not answer at http://127.0.0.1:25100');
  });
});
