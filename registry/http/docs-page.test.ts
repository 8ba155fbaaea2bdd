// The schema docs for a browser (issue 11): GET /docs with Accept: text/html is a web page; a development
// registry shows it to a browser on loopback without any credential (none in the URL); the Markdown and
// every other route keep the API's authentication; a foreign Host (DNS rebinding) is refused.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderDocsHtml } from '../docs/render-docs-html.ts';
import { startTestRegistry, type TestRegistry } from '../registry-test-support.ts';

let dev: TestRegistry;
let prod: TestRegistry;
beforeAll(async () => { [dev, prod] = await Promise.all([startTestRegistry({ dev: true }), startTestRegistry()]); });
afterAll(async () => { await Promise.all([dev?.stop(), prod?.stop()]); });

const HTML = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

function getWithHost(url: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    request(url, { headers: { ...HTML, host } }, (res) => { res.resume(); resolve(res.statusCode ?? 0); }).on('error', reject).end();
  });
}

describe('GET /docs for a browser', () => {
  it('a development registry serves the docs as a page, without a credential, to a browser on loopback', async () => {
    const page = await dev.api('GET', '/docs', null, undefined, HTML);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(page.body).toMatch(/^<!doctype html>/);
    expect(page.body).toContain('<h1 id="passerelle-graph-reference">Passerelle graph reference</h1>');
    expect(page.body).toMatch(/<table>[\s\S]*<th>Field<\/th>/);
    // The type links of the Markdown land on a heading of the page.
    const target = /href="#([^"]+)"/.exec(page.body as string)?.[1];
    expect(page.body).toContain(`id="${target}"`);
  });

  it('keeps the API authenticated: Markdown, other routes, a foreign Host, and a registry not in development', async () => {
    expect((await dev.api('GET', '/docs', null)).status).toBe(401);
    expect((await dev.api('GET', '/supergraph', null, undefined, HTML)).status).toBe(401);
    expect(await getWithHost(`${dev.registry.url}/docs`, 'attacker.example:80')).toBe(401);
    expect((await prod.api('GET', '/docs', null, undefined, HTML)).status).toBe(401);
    const machine = await dev.api('GET', '/docs', dev.tokens.reader);
    expect([machine.status, machine.headers.get('content-type')]).toEqual([200, 'text/markdown; charset=utf-8']);
    // With a credential, a browser-like client gets the page too.
    expect((await prod.api('GET', '/docs', prod.tokens.reader, undefined, HTML)).headers.get('content-type')).toMatch(/^text\/html/);
  });
});

describe('renderDocsHtml', () => {
  it('renders no HTML from descriptions, only the line breaks of table cells', () => {
    const html = renderDocsHtml('# T\n\n| a | b |\n|---|---|\n| x<br>y | <script>alert(1)</script><img src=x onerror=alert(1)> |\n', 3);
    expect(html).toContain('x<br>y');
    expect(html).not.toMatch(/<script>|<img/);
    expect(html).toContain('&lt;script&gt;');
  });
});
