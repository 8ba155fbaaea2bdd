import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTinySubgraph, type TinySubgraph } from '../../test/support/tiny-subgraph.ts';
import { loadGatewayConfig, type GatewayConfigInput } from '../config.ts';
import { startGateway, type RunningGateway } from '../server.ts';
import { MEDIA_DEFAULTS } from './media-config.ts';

const SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>';
const BIG = Buffer.alloc(3 * 1024 * 1024, 7);

/** A stand-in media origin under /pictures, recording what reaches it. */
async function startUpstream(): Promise<{ url: string; seen: { path: string; headers: IncomingHttpHeaders }[]; close(): Promise<void> }> {
  const seen: { path: string; headers: IncomingHttpHeaders }[] = [];
  const server: Server = createServer((req, res) => {
    seen.push({ path: req.url ?? '', headers: req.headers });
    switch (req.url) {
      case '/pictures/PO-0001/thumb.svg':
        if (req.headers['if-none-match'] === '"v1"') return void res.writeHead(304, { etag: '"v1"' }).end();
        return void res.writeHead(200, { 'content-type': 'image/svg+xml', etag: '"v1"', 'set-cookie': 'legacy=1', server: 'LegacyCatalogue/1.0' }).end(SVG);
      case '/pictures/PO-0001/large.png':
        return void res.writeHead(200, { 'content-type': 'image/png', 'cache-control': 'public, max-age=60' }).end(BIG);
      case '/pictures/page.png': return void res.writeHead(200, { 'content-type': 'text/html' }).end('<script>alert(1)</script>');
      case '/pictures/moved.png': return void res.writeHead(302, { location: 'http://127.0.0.1:1/x.png' }).end();
      case '/pictures/broken.png': return void res.writeHead(500, { 'content-type': 'text/plain' }).end('java.lang.NullPointerException at catalogue.internal');
      case '/pictures/slow.png': return; // never answers
      default: return void res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not Found on catalogue.internal</h1>');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/pictures`,
    seen,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/** A raw request: fetch() would resolve "..", which is what the gateway must refuse. */
function rawGet(origin: string, path: string, method = 'GET'): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: hostname, port, path, method }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => { body += chunk.toString(); });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const codeOf = async (res: Response): Promise<unknown> => ((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code;

let tiny: TinySubgraph;
let upstream: Awaited<ReturnType<typeof startUpstream>>;
let gateway: RunningGateway;
let origin: string;
const gatewayWith = (config: Partial<GatewayConfigInput>) => startGateway(loadGatewayConfig({ port: 0, supergraphFile: tiny.supergraphFile, ...config }));

beforeAll(async () => {
  tiny = await startTinySubgraph();
  upstream = await startUpstream();
  gateway = await gatewayWith({ media: { upstreamUrl: `${upstream.url}/`, timeoutMs: 300 } });
  origin = new URL(gateway.url).origin;
});
afterAll(async () => { await gateway?.stop(); await upstream?.close(); await tiny?.stop(); });

describe('the gateway\'s /media', () => {
  it('streams a picture from the upstream, with its type and validators, and nothing of the legacy server', async () => {
    upstream.seen.length = 0;
    const res = await fetch(`${origin}/media/PO-0001/thumb.svg?w=100`, { headers: { cookie: 'session=1', authorization: 'Bearer abc', 'if-modified-since': 'Mon, 01 Jan 2024 00:00:00 GMT' } });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(SVG);
    expect(res.headers.get('content-type')).toBe('image/svg+xml');
    expect(res.headers.get('etag')).toBe('"v1"');
    expect(res.headers.get('cache-control')).toBe(`public, max-age=${MEDIA_DEFAULTS.maxAgeSeconds}`);
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'.*sandbox/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(res.headers.get('server')).toBeNull();
    // Only the path travels: no query, cookie or credential; conditional headers do.
    expect(upstream.seen).toHaveLength(1);
    expect(upstream.seen[0]?.path).toBe('/pictures/PO-0001/thumb.svg');
    expect(upstream.seen[0]?.headers).not.toHaveProperty('cookie');
    expect(upstream.seen[0]?.headers).not.toHaveProperty('authorization');
    expect(upstream.seen[0]?.headers['if-modified-since']).toBe('Mon, 01 Jan 2024 00:00:00 GMT');
  });

  it('passes revalidations on (304), answers HEAD without a body, and streams large pictures whole', async () => {
    expect((await fetch(`${origin}/media/PO-0001/thumb.svg`, { headers: { 'if-none-match': '"v1"' } })).status).toBe(304);
    const head = await fetch(`${origin}/media/PO-0001/thumb.svg`, { method: 'HEAD' });
    expect([head.status, head.headers.get('content-type'), await head.text()]).toEqual([200, 'image/svg+xml', '']);
    const big = await fetch(`${origin}/media/PO-0001/large.png`);
    expect([big.status, big.headers.get('cache-control')]).toEqual([200, 'public, max-age=60']);
    expect(Buffer.from(await big.arrayBuffer()).equals(BIG)).toBe(true);
  });

  it('answers a coded 404 for a missing picture, without the upstream\'s page', async () => {
    const res = await fetch(`${origin}/media/PO-9999/thumb.svg`);
    const body = await res.text();
    expect([res.status, JSON.parse(body).errors[0].extensions.code]).toEqual([404, 'NOT_FOUND']);
    expect(body).not.toMatch(/catalogue\.internal|127\.0\.0\.1/);
  });

  it('refuses paths that could leave the media root, before any upstream request', async () => {
    upstream.seen.length = 0;
    for (const path of [
      '/media/../package.json', '/media/PO-0001/../../secret.svg', '/media/%2e%2e/secret.svg', '/media/PO-0001/%2F..%2Fx.svg',
      '/media//etc/passwd', '/media/http://evil.example.com/x.png', '/media/.env', '/media/', '/media', '/media/a\\b.png',
    ]) {
      const res = await rawGet(origin, path);
      expect([res.status, JSON.parse(res.body).errors[0].extensions.code], path).toEqual([404, 'NOT_FOUND']);
    }
    expect(upstream.seen).toEqual([]);
  });

  it('answers GET and HEAD only', async () => {
    for (const method of ['POST', 'PUT', 'DELETE']) {
      const res = await fetch(`${origin}/media/PO-0001/thumb.svg`, { method, headers: { 'content-type': 'image/png' }, body: method === 'DELETE' ? null : 'x' });
      expect([res.status, res.headers.get('allow'), await codeOf(res)], method).toEqual([400, 'GET, HEAD', 'BAD_REQUEST']);
    }
  });

  it('passes on pictures only, follows no redirect, and codes the upstream\'s failures without its details', async () => {
    const cases: [string, number, string][] = [
      ['page.png', 502, 'UPSTREAM_ERROR'], ['moved.png', 502, 'UPSTREAM_ERROR'],
      ['broken.png', 503, 'UPSTREAM_UNAVAILABLE'], ['slow.png', 504, 'UPSTREAM_TIMEOUT'],
    ];
    for (const [file, status, code] of cases) {
      const res = await fetch(`${origin}/media/${file}`);
      const body = await res.text();
      expect([res.status, JSON.parse(body).errors[0].extensions.code], file).toEqual([status, code]);
      expect(body, file).not.toMatch(/alert|NullPointer|catalogue\.internal|127\.0\.0\.1/);
    }
  });

  it('answers UPSTREAM_UNAVAILABLE when the upstream is down', async () => {
    const down = await gatewayWith({ media: { upstreamUrl: 'http://127.0.0.1:1/media' } });
    try {
      const res = await fetch(`${new URL(down.url).origin}/media/PO-0001/thumb.svg`);
      expect([res.status, await codeOf(res)]).toEqual([503, 'UPSTREAM_UNAVAILABLE']);
    } finally { await down.stop(); }
  });
});

describe('media configuration', () => {
  const base = { supergraphFile: 'x' };
  it('defaults to the Catalogue stand-in in development and to nothing in production', () => {
    expect(loadGatewayConfig(base).media.upstreamUrl).toBe(MEDIA_DEFAULTS.developmentUpstreamUrl);
    expect(loadGatewayConfig({ ...base, production: true }).media.upstreamUrl).toBeNull();
    expect(loadGatewayConfig({ ...base, media: { upstreamUrl: 'http://localhost:5002/media/' } }).media.upstreamUrl).toBe('http://localhost:5002/media');
  });

  it('accepts only a loopback upstream in development, and only http(s)', () => {
    expect(() => loadGatewayConfig({ ...base, media: { upstreamUrl: 'http://catalogue.example.com/media' } })).toThrow(/media\.upstreamUrl: .*loopback/);
    expect(loadGatewayConfig({ ...base, production: true, media: { upstreamUrl: 'https://catalogue.example.com/media' } }).media.upstreamUrl).toBe('https://catalogue.example.com/media');
    expect(() => loadGatewayConfig({ ...base, production: true, media: { upstreamUrl: 'file:///etc' } })).toThrow(/media\.upstreamUrl/);
  });

  it('is not served in production without an upstream', async () => {
    const production = await gatewayWith({ production: true, shutdownNotReadyMs: 0, clients: { tester: { channel: 'web' } } });
    try {
      const res = await fetch(`${new URL(production.url).origin}/media/PO-0001/thumb.svg`);
      expect([res.status, await codeOf(res)]).toEqual([404, 'NOT_FOUND']);
    } finally { await production.stop(); }
  });
});
