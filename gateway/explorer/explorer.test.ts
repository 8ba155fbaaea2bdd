import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTinySubgraph, type TinySubgraph } from '../../test/support/tiny-subgraph.ts';
import { loadGatewayConfig, type GatewayConfigInput } from '../config.ts';
import { startGateway, type RunningGateway } from '../server.ts';
import { SANDBOX_WAIT_MS, withExplorerFallback } from './sandbox-fallback.ts';

const require = createRequire(import.meta.url);
const packageFile = (pkg: string, file: string): Buffer => readFileSync(join(dirname(require.resolve(`${pkg}/package.json`)), file));
const VENDOR: Record<string, Buffer> = {
  'react.production.min.js': packageFile('react', 'umd/react.production.min.js'),
  'react-dom.production.min.js': packageFile('react-dom', 'umd/react-dom.production.min.js'),
  'graphiql.min.js': packageFile('graphiql', 'graphiql.min.js'),
  'graphiql.min.css': packageFile('graphiql', 'graphiql.min.css'),
};

let tiny: TinySubgraph;
const started: RunningGateway[] = [];
async function gatewayWith(config: Partial<GatewayConfigInput> = {}): Promise<{ origin: string }> {
  const gateway = await startGateway(loadGatewayConfig({ port: 0, supergraphFile: tiny.supergraphFile, ...config }));
  started.push(gateway);
  return { origin: new URL(gateway.url).origin };
}
beforeAll(async () => { tiny = await startTinySubgraph(); });
afterAll(async () => { for (const g of started) await g.stop(); await tiny.stop(); });

const codeOf = async (res: Response): Promise<unknown> => ((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code;
const attributes = (html: string, name: 'src' | 'href'): string[] => [...html.matchAll(new RegExp(`${name}="([^"]*)"`, 'g'))].map((m) => m[1] as string);

describe('the offline explorer at /graphiql (development)', () => {
  let origin: string;
  beforeAll(async () => { ({ origin } = await gatewayWith()); });

  it('serves a page that names no other host, under a CSP of its own origin only', async () => {
    const res = await fetch(`${origin}/graphiql`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    expect(html).not.toMatch(/https?:\/\//i);
    expect(html).not.toMatch(/src="\/\/|href="\/\//);
    expect(html).toMatch(/<div id="graphiql">/);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/default-src 'none'/);
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).toMatch(/connect-src 'self'/);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
    // The only nonce is the page's own script's, and the CSP allows styles (not scripts) with it.
    const nonce = /nonce="([^"]+)"/.exec(html)?.[1];
    expect(csp).toContain(`style-src 'self' 'nonce-${nonce}'`);
    expect(html).not.toMatch(/<script>|<script nonce="[^"]*">/);
    const again = await fetch(`${origin}/graphiql`);
    expect(again.headers.get('content-security-policy')).not.toBe(csp);
  });

  it('serves every file the page names, from node_modules, with its type, its integrity and a year of caching', async () => {
    const html = await (await fetch(`${origin}/graphiql`)).text();
    const paths = [...attributes(html, 'src'), ...attributes(html, 'href').filter((h) => h.startsWith('/'))];
    expect(paths.map((p) => p.split('/').pop()).sort()).toEqual(
      ['graphiql-init.js', 'graphiql-page.css', 'graphiql.min.css', 'graphiql.min.js', 'react-dom.production.min.js', 'react.production.min.js']);
    // Load order: React, ReactDOM, GraphiQL (which reads both globals), then the page's script.
    expect(attributes(html, 'src').map((p) => p.split('/').pop())).toEqual(['react.production.min.js', 'react-dom.production.min.js', 'graphiql.min.js', 'graphiql-init.js']);
    for (const path of paths) {
      const res = await fetch(`${origin}${path}`);
      const name = path.split('/').pop() as string;
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toBe(name.endsWith('.js') ? 'text/javascript; charset=utf-8' : 'text/css; charset=utf-8');
      expect(res.headers.get('cache-control'), path).toBe('public, max-age=31536000, immutable');
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      const body = Buffer.from(await res.arrayBuffer());
      if (VENDOR[name]) expect(body.equals(VENDOR[name]), path).toBe(true);
      const integrity = new RegExp(`(?:src|href)="${path}" integrity="([^"]+)"`).exec(html)?.[1];
      expect(integrity, path).toBe(`sha384-${createHash('sha384').update(body).digest('base64')}`);
      const revalidated = await fetch(`${origin}${path}`, { headers: { 'if-none-match': res.headers.get('etag') ?? '' } });
      expect(revalidated.status, path).toBe(304);
    }
  });

  it('mounts GraphiQL on this gateway\'s /graphql, keeping headers out of localStorage', async () => {
    const html = await (await fetch(`${origin}/graphiql`)).text();
    const init = attributes(html, 'src').find((p) => p.endsWith('/graphiql-init.js')) as string;
    const script = await (await fetch(`${origin}${init}`)).text();
    expect(script).toContain("new URL('/graphql', window.location.href)");
    expect(script).toContain('shouldPersistHeaders: false');
    expect(script).not.toMatch(/https?:\/\//);
  });

  it('answers GET and HEAD only, and a coded 404 for a file it does not have', async () => {
    const head = await fetch(`${origin}/graphiql`, { method: 'HEAD' });
    expect([head.status, head.headers.get('content-type')]).toEqual([200, 'text/html; charset=utf-8']);
    const post = await fetch(`${origin}/graphiql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect([post.status, post.headers.get('allow'), await codeOf(post)]).toEqual([400, 'GET, HEAD', 'BAD_REQUEST']);
    for (const path of ['/graphiql/assets/0000000000000000/graphiql.min.js', '/graphiql/assets/../../package.json', '/graphiql/assets/']) {
      const res = await fetch(`${origin}${path}`);
      expect([res.status, await codeOf(res)], path).toEqual([404, 'NOT_FOUND']);
    }
  });
});

describe('Apollo Sandbox at / (development)', () => {
  it('runs with telemetry and cookies off, and offers the offline explorer when its CDN cannot be reached', async () => {
    const { origin } = await gatewayWith();
    const res = await fetch(`${origin}/`, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('"runTelemetry":false');
    expect(html).not.toContain('"runTelemetry":true');
    expect(html).toContain('"includeCookies":false');
    // A visible link, and a script, allowed by Apollo's own CSP nonce, registered before Sandbox's CDN script.
    expect(html).toMatch(/<p id="passerelle-offline-explorer">[^]*<a href="\/graphiql">/);
    const apolloNonce = /'nonce-([0-9a-f]+)'/.exec(html)?.[1];
    const fallback = html.indexOf('window.location.replace("/graphiql")');
    expect(fallback).toBeGreaterThan(0);
    expect(html.lastIndexOf(`<script nonce="${apolloNonce}">`, fallback)).toBeGreaterThan(0);
    expect(fallback).toBeLessThan(html.indexOf('src="https://embeddable-sandbox.cdn.apollographql.com'));
    expect(html).toContain("addEventListener('error'");
    expect(html).toContain('typeof window.EmbeddedSandbox !== \'function\'');
    expect(html).toContain(`setTimeout(sandboxMissing, ${SANDBOX_WAIT_MS})`);
  });

  it('offers no fallback when the explorer is turned off, which /graphiql then is', async () => {
    const { origin } = await gatewayWith({ explorer: { graphiql: false } });
    const html = await (await fetch(`${origin}/`, { headers: { accept: 'text/html' } })).text();
    expect(html).toContain('"runTelemetry":false');
    expect(html).not.toContain('/graphiql');
    expect((await fetch(`${origin}/graphiql`)).status).toBe(404);
  });
});

describe('the explorers in production', () => {
  it('serves neither Sandbox nor /graphiql by default, and /graphiql when turned on explicitly', async () => {
    const production = { production: true, shutdownNotReadyMs: 0, clients: { tester: { channel: 'web' as const } } };
    const { origin } = await gatewayWith(production);
    const page = await fetch(`${origin}/graphiql`);
    expect([page.status, await codeOf(page)]).toEqual([404, 'NOT_FOUND']);
    expect(await (await fetch(`${origin}/`, { headers: { accept: 'text/html' } })).text()).not.toMatch(/sandbox|graphiql/i);
    const { origin: on } = await gatewayWith({ ...production, explorer: { graphiql: true } });
    expect((await fetch(`${on}/graphiql`)).status).toBe(200);
  });
});

describe('the Sandbox fallback', () => {
  it('leaves a page it does not recognise (no nonce, no <body>) as it is, rather than break it', () => {
    const plain = '<!DOCTYPE html><html><body><script src="/x.js"></script></body></html>';
    expect(withExplorerFallback(plain, '/graphiql')).toBe(plain);
    expect(withExplorerFallback('<script nonce="abc">x</script>', '/graphiql')).toBe('<script nonce="abc">x</script>');
    expect(withExplorerFallback('<html><body><script nonce="abc">x</script>', '/graphiql')).toContain('<a href="/graphiql">');
  });

  it('is configured on in development and off in production, unless set', () => {
    const base = { supergraphFile: 'x' };
    expect(loadGatewayConfig(base).explorer.graphiql).toBe(true);
    expect(loadGatewayConfig({ ...base, production: true }).explorer.graphiql).toBe(false);
    expect(loadGatewayConfig({ ...base, production: true, explorer: { graphiql: true } }).explorer.graphiql).toBe(true);
    expect(() => loadGatewayConfig({ ...base, explorer: { sandbox: true } } as never)).toThrow(/sandbox/);
  });
});
