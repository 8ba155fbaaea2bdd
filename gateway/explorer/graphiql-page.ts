/**
 * The offline explorer's HTML page and its Content-Security-Policy: every script, style, font and
 * request comes from the gateway itself (fonts and icons of GraphiQL's stylesheet are inline `data:`),
 * so the page works without internet and can load nothing from elsewhere.
 */
import { randomBytes } from 'node:crypto';
import type { GraphiqlAssets } from './graphiql-assets.ts';

export interface GraphiqlPage { html: string; csp: string }

const escapeAttr = (text: string): string => text.replace(/[&"<>]/g, (c) => ({ '&': '&amp;', '"': '&quot;', '<': '&lt;', '>': '&gt;' })[c] as string);

/**
 * Scripts: 'self' only, nothing inline. Styles: 'self', plus the <style> elements GraphiQL's dialogs add,
 * which carry this page's nonce (graphiql-init.ts hands it to them). A new nonce per page.
 */
export function graphiqlCsp(nonce: string): string {
  return [
    "default-src 'none'", "script-src 'self'", `style-src 'self' 'nonce-${nonce}'`, "img-src 'self' data:",
    "font-src 'self' data:", "connect-src 'self'", "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'",
  ].join('; ');
}

export function renderGraphiqlPage(assets: GraphiqlAssets): GraphiqlPage {
  const nonce = randomBytes(16).toString('base64');
  const last = assets.scripts.length - 1;
  const styles = assets.styles.map((a) => `    <link rel="stylesheet" href="${a.path}" integrity="${a.integrity}">`);
  // Only the page's own script (the last) reads the nonce; the libraries need none.
  const scripts = assets.scripts.map((a, i) => `    <script src="${a.path}" integrity="${a.integrity}"${i === last ? ` nonce="${escapeAttr(nonce)}"` : ''}></script>`);
  const html = [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '  <head>',
    '    <meta charset="utf-8">',
    '    <meta name="viewport" content="width=device-width, initial-scale=1">',
    '    <meta name="robots" content="noindex">',
    '    <title>Passerelle · GraphiQL</title>',
    '    <link rel="icon" href="data:,">',
    ...styles,
    '  </head>',
    '  <body>',
    '    <div id="graphiql">Loading GraphiQL…</div>',
    '    <noscript>GraphiQL needs JavaScript.</noscript>',
    ...scripts,
    '  </body>',
    '</html>',
    '',
  ].join('\n');
  return { html, csp: graphiqlCsp(nonce) };
}
