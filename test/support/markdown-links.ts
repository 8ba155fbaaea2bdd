/**
 * Reads the links of Markdown files and judges them against the documentation's rule (docs/testing.md):
 * nothing links outside the repository but loopback addresses (processes you run yourself), and every
 * relative link names a file of the repository and, with an anchor, a heading of that file. Code blocks
 * and inline code are examples and identifiers, never links, so they are left out before anything is read.
 * A few regular expressions suffice for the Markdown this repository writes; no parser is a dependency.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

// dist/ is `npm run build`'s output (git-ignored): a copy of the product, never documentation of its own.
const SKIPPED_DIRS = new Set(['node_modules', 'dist']);
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Every Markdown file under root, skipping node_modules, dist and hidden folders (.git, .passerelle...). */
export function markdownFiles(root: string, dir = root): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name.startsWith('.') || SKIPPED_DIRS.has(entry.name)) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return markdownFiles(root, path);
    return entry.isFile() && entry.name.endsWith('.md') ? [path] : [];
  });
}

/** The lines of the text with fenced code blocks blanked out (line count kept). */
function withoutFences(markdown: string): string[] {
  let fence: string | null = null;
  return markdown.split('\n').map((line) => {
    const marker = /^\s{0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence === null) {
      if (marker) fence = marker;
      return marker ? '' : line;
    }
    if (marker && marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker) fence = null;
    return '';
  });
}

/** The text with fenced code blocks, inline code spans and HTML comments blanked out. */
export function withoutCode(markdown: string): string {
  return withoutFences(markdown).join('\n').replace(/<!--[\s\S]*?-->/g, '').replace(/(`+)[\s\S]*?\1/g, '');
}

/** Every link target of the text: inline links and images, reference definitions, autolinks, bare addresses. */
export function linkTargets(markdown: string): string[] {
  const text = withoutCode(markdown);
  const targets = [
    ...[...text.matchAll(/\]\(\s*<?([^)\s>]*)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1] as string),
    ...[...text.matchAll(/^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm)].map((m) => m[1] as string),
    ...[...text.matchAll(/<([a-z][a-z0-9+.-]*:[^>\s]*)>/gi)].map((m) => m[1] as string),
    ...[...text.matchAll(/\b(?:https?|ftp):\/\/[^\s)<>\]"'`|]+/gi)].map((m) => m[0]),
    ...[...text.matchAll(/\bwww\.[a-z0-9-]+\.[^\s)<>\]"'`|]+/gi)].map((m) => m[0]),
  ];
  return [...new Set(targets)];
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
export function slug(heading: string): string {
  const text = heading.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[`*]/g, '').trim().toLowerCase();
  return text.replace(/[^\p{L}\p{N} _-]/gu, '').replace(/ /g, '-');
}

/** The anchors a Markdown text defines: its headings (duplicates numbered as GitHub does) and HTML ids. */
export function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  const lines = withoutFences(markdown);
  for (const line of lines) {
    const heading = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      const base = slug(heading[1] as string);
      const count = seen.get(base) ?? 0;
      seen.set(base, count + 1);
      anchors.add(count === 0 ? base : `${base}-${count}`);
    }
    for (const m of line.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) anchors.add(m[1] as string);
  }
  return anchors;
}

/** What is wrong with one target of `file`, or null when it is allowed. */
export function judgeTarget(root: string, file: string, target: string, read: (path: string) => string = (p) => readFileSync(p, 'utf8')): string | null {
  if (/^www\./i.test(target)) return `links outside the repository: ${target}`;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(target);
  if (scheme) {
    if (!/^https?$/i.test(scheme[1] as string)) return `links outside the repository: ${target}`;
    let host: string;
    try { host = new URL(target).hostname; } catch { return `is not a valid address: ${target}`; }
    return LOOPBACK_HOSTS.has(host) ? null : `links outside the repository: ${target}`;
  }
  const [pathPart, anchor] = target.split('#', 2) as [string, string | undefined];
  const path = pathPart === '' ? file : pathPart.startsWith('/') ? join(root, decodeURI(pathPart)) : resolve(dirname(file), decodeURI(pathPart));
  const inside = relative(root, path);
  if (inside.startsWith('..') || inside.split(sep).includes('node_modules')) return `leaves the repository: ${target}`;
  if (!existsSync(path)) return `names a missing file: ${target}`;
  if (anchor !== undefined && anchor !== '' && statSync(path).isFile() && path.endsWith('.md') && !anchorsOf(read(path)).has(anchor)) {
    return `names a missing heading: ${target}`;
  }
  return null;
}

/** Every broken or external link of the Markdown files under root, as "file: what is wrong". */
export function linkProblems(root: string): string[] {
  return markdownFiles(root).flatMap((file) => linkTargets(readFileSync(file, 'utf8'))
    .map((target) => judgeTarget(root, file, target))
    .filter((problem): problem is string => problem !== null)
    .map((problem) => `${relative(root, file)}: ${problem}`));
}
