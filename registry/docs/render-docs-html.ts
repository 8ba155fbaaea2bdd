/**
 * The schema docs as a web page, for a browser (GET /docs with Accept: text/html): the same Markdown as
 * docs/schema.md and the API's text/markdown answer, rendered by markdown-it. Raw HTML in the Markdown is
 * NOT rendered (descriptions come from every subgraph team: no script reaches a reader's browser); the
 * only tag the renderer emits itself, `<br>` between a field's description lines, is put back after
 * escaping. Headings get GitHub's anchors, so that the type links of the Markdown work on the page.
 */
import MarkdownIt from 'markdown-it';
import { anchorOf } from './markdown-format.ts';

const markdownIt = new MarkdownIt({ html: false, linkify: false });
markdownIt.renderer.rules['heading_open'] = (tokens, idx, options, _env, self) => {
  const inline = tokens[idx + 1];
  const token = tokens[idx];
  if (inline && token) token.attrSet('id', anchorOf(inline.content.replace(/`/g, '')));
  return self.renderToken(tokens, idx, options);
};

/** Inline styles only, so that the page's Content-Security-Policy can forbid every script and load. */
const STYLE = `body{font:15px/1.5 system-ui,sans-serif;max-width:72rem;margin:2rem auto;padding:0 1rem;color:#1b1f24}
table{border-collapse:collapse;margin:.5rem 0 1rem}th,td{border:1px solid #d0d7de;padding:.3rem .6rem;vertical-align:top;text-align:left}
code{background:#f3f4f6;padding:0 .25rem;border-radius:3px}blockquote{color:#57606a;border-left:3px solid #d0d7de;margin:0;padding-left:1rem}`;

export function renderDocsHtml(markdown: string, version: number): string {
  const body = markdownIt.render(markdown.replace(/^<!--.*-->\n/m, '')).replace(/&lt;br&gt;/g, '<br>');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Passerelle graph reference (supergraph version ${version})</title><style>${STYLE}</style></head>
<body><p><small>Supergraph version ${version}, served by the schema registry.</small></p>
${body}</body></html>
`;
}
