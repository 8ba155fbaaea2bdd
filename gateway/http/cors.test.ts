/**
 * CORS: the allow-list syntax, the defaults (loopback origins in development, none in production), and
 * PASSERELLE_CORS_ORIGINS through the real CLI.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson } from '../../test/support/http.ts';
import { startTinySubgraph, type TinySubgraph } from '../../test/support/tiny-subgraph.ts';
import { loadGatewayConfig } from '../config.ts';
import { startGateway, type RunningGateway } from '../server.ts';
import { isOriginPattern, originMatcher, parseOriginList } from './cors.ts';

const VITE = 'http://localhost:5173';
const WEB = { 'apollographql-client-name': 'web-app', 'apollographql-client-version': '1.0.0' };
const preflight = (url: string, origin: string) => fetch(url, {
  method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, authorization' },
});
const allowedBy = async (url: string, origin: string) => (await preflight(url, origin)).headers.get('access-control-allow-origin');

describe('CORS allow-list syntax', () => {
  it('takes exact origins and scheme://host:* (any port), nothing else', () => {
    for (const entry of ['https://shop.example', 'http://localhost:5173', 'http://localhost:*', 'http://[::1]:*', 'https://app.example:*']) expect(isOriginPattern(entry), entry).toBe(true);
    for (const entry of ['*', 'http://*:*', 'http://*.example', 'http://localhost:5173:*', 'http://localhost/*', 'http://localhost:*/', 'localhost:*', 'https://shop.example/']) {
      expect(isOriginPattern(entry), entry).toBe(false);
    }
  });

  it('matches a host on any port, only that host and scheme, only bare origins', () => {
    const allows = originMatcher(['http://localhost:*', 'https://shop.example']);
    for (const origin of [VITE, 'http://localhost:3000', 'http://localhost', 'https://shop.example']) expect(allows(origin), origin).toBe(true);
    for (const origin of ['https://localhost:5173', 'http://localhost.evil.example:5173', 'http://127.0.0.1:5173', 'https://shop.example:8443', 'null', 'http://localhost:5173/app', 'http://localhost:80']) {
      expect(allows(origin), origin).toBe(false);
    }
  });

  it('reads PASSERELLE_CORS_ORIGINS as a comma-separated list, blanks ignored', () => {
    expect(parseOriginList(' http://localhost:*, https://shop.example ,,')).toEqual(['http://localhost:*', 'https://shop.example']);
    expect(parseOriginList('')).toEqual([]);
  });

  it('defaults to the loopback origins in development and to none in production; a list replaces either', () => {
    expect(loadGatewayConfig({ supergraphFile: 'x' }).cors.allowedOrigins).toEqual(['http://localhost:*', 'http://127.0.0.1:*', 'http://[::1]:*']);
    expect(loadGatewayConfig({ supergraphFile: 'x', production: true }).cors.allowedOrigins).toEqual([]);
    expect(loadGatewayConfig({ supergraphFile: 'x', cors: { allowedOrigins: ['https://shop.example'] } }).cors.allowedOrigins).toEqual(['https://shop.example']);
    expect(() => loadGatewayConfig({ supergraphFile: 'x', cors: { allowedOrigins: ['http://localhost:5173:*'] } })).toThrow(/cors\.allowedOrigins\.0/);
  });
});

describe('CORS through a real gateway', () => {
  let tiny: TinySubgraph;
  let development: RunningGateway;
  let production: RunningGateway;
  let configured: RunningGateway;
  beforeAll(async () => {
    tiny = await startTinySubgraph();
    const base = { port: 0, supergraphFile: tiny.supergraphFile };
    development = await startGateway(loadGatewayConfig(base));
    production = await startGateway(loadGatewayConfig({ ...base, production: true, clients: { 'web-app': { channel: 'web' } } }));
    configured = await startGateway(loadGatewayConfig({ ...base, cors: { allowedOrigins: ['https://app.example'] } }));
  });
  afterAll(async () => { await development.stop(); await production.stop(); await configured.stop(); await tiny.stop(); });

  it('in development, lets a browser app on any loopback port call the graph and read the answer', async () => {
    for (const origin of [VITE, 'http://127.0.0.1:8080', 'http://[::1]:4173']) expect(await allowedBy(development.url, origin), origin).toBe(origin);
    const res = await postJson(development.url, { query: '{ hello }' }, { origin: VITE });
    expect([res.status, res.body, res.headers.get('access-control-allow-origin'), res.headers.get('access-control-allow-credentials')]).toEqual([200, { data: { hello: 'world' } }, VITE, null]);
    for (const origin of ['https://evil.example', 'http://localhost.evil.example:5173', 'https://localhost:5173']) expect(await allowedBy(development.url, origin), origin).toBeNull();
  });

  it('in production, allows no origin unless configured', async () => {
    expect(await allowedBy(production.url, VITE)).toBeNull();
    const res = await postJson(production.url, { query: '{ hello }' }, { ...WEB, origin: VITE });
    expect([res.status, res.headers.get('access-control-allow-origin')]).toEqual([200, null]);
  });

  it('with configured origins, allows those only, even in development', async () => {
    expect(await allowedBy(configured.url, 'https://app.example')).toBe('https://app.example');
    expect(await allowedBy(configured.url, VITE)).toBeNull();
  });

  it('takes PASSERELLE_CORS_ORIGINS in the CLI, in production too, and refuses an invalid one at start-up', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'gateway/main.ts', '--supergraph', tiny.supergraphFile, '--port', '0'], {
      env: { ...process.env, NODE_ENV: 'production', PASSERELLE_CORS_ORIGINS: 'https://app.example, http://localhost:*' }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let output = '';
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString(); const m = /ready at (http:\/\/\S+)/.exec(output); if (m) resolve(m[1] as string); });
        child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString(); });
        child.once('exit', (code) => reject(new Error(`gateway exited early (${code}): ${output}`)));
      });
      expect([await allowedBy(url, 'https://app.example'), await allowedBy(url, VITE), await allowedBy(url, 'http://127.0.0.1:5173')]).toEqual(['https://app.example', VITE, null]);
    } finally {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
    const invalid = spawn(process.execPath, ['--import', 'tsx', 'gateway/main.ts', '--supergraph', tiny.supergraphFile, '--port', '0'], {
      env: { ...process.env, PASSERELLE_CORS_ORIGINS: 'https://app.example/path' }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    invalid.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    const [code] = await once(invalid, 'exit');
    expect([code, stderr]).toEqual([1, expect.stringMatching(/cors\.allowedOrigins\.0: not an origin/)]);
  });
});
