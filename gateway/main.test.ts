import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTinySubgraph, type TinySubgraph } from '../test/support/tiny-subgraph.ts';

describe('npm run gateway (the CLI, as its own process)', () => {
  let tiny: TinySubgraph;
  beforeAll(async () => { tiny = await startTinySubgraph(); });
  afterAll(() => tiny.stop());

  it('serves a supergraph file on a port, and drains in-flight requests on SIGTERM before exiting 0', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'gateway/main.ts', '--supergraph', tiny.supergraphFile, '--port', '0'], {
      env: { ...process.env, NODE_ENV: 'test' }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /ready at (http:\/\/\S+)/.exec(output);
        if (match) resolve(match[1] as string);
      });
      child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString(); });
      child.once('exit', (code) => reject(new Error(`gateway exited early (${code}): ${output}`)));
    });
    const inFlight = fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ slow(ms: 500) }' }) });
    await new Promise((r) => setTimeout(r, 150));
    child.kill('SIGTERM');
    expect(await (await inFlight).json()).toEqual({ data: { slow: 'waited 500' } });
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
    expect(output).toContain('SIGTERM');
  });

  it('refuses an invalid configuration with a readable message and exit code 1', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'gateway/main.ts', '--supergraph', tiny.supergraphFile, '--port', '99999'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    const [code] = await once(child, 'exit');
    expect(code).toBe(1);
    expect(stderr).toMatch(/Invalid gateway configuration:\n\s+- port/);
  });

  it('reads the media upstream from PASSERELLE_MEDIA_UPSTREAM_URL, refusing one off loopback in development', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'gateway/main.ts', '--supergraph', tiny.supergraphFile, '--port', '0'], {
      env: { ...process.env, NODE_ENV: 'development', PASSERELLE_MEDIA_UPSTREAM_URL: 'http://catalogue.example.com/media' }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    const [code] = await once(child, 'exit');
    expect(code).toBe(1);
    expect(stderr).toMatch(/- media\.upstreamUrl: in development the media upstream must be on loopback/);
  });
});
