/**
 * The documentation stays inside the repository and stays connected: no Markdown file (node_modules
 * excepted) links outside it but to loopback addresses, and every relative link resolves to a file and,
 * with an anchor, to a heading of it. The rule is written in docs/testing.md.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { anchorsOf, linkProblems, linkTargets, markdownFiles } from '../support/markdown-links.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('documentation links', () => {
  it('hold in every Markdown file of the repository', () => {
    const files = markdownFiles(ROOT).map((f) => f.slice(ROOT.length));
    expect(files).toEqual(expect.arrayContaining(['README.md', 'docs/README.md', 'docs/errors.md']));
    expect(files.some((f) => f.startsWith('node_modules'))).toBe(false);
    expect(linkProblems(ROOT)).toEqual([]);
  });

  describe('the checker', () => {
    const dir = mkdtempSync(join(tmpdir(), 'passerelle-docs-links-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    mkdirSync(join(dir, 'docs'));
    mkdirSync(join(dir, 'node_modules', 'pkg'), { recursive: true });
    writeFileSync(join(dir, 'node_modules', 'pkg', 'README.md'), '[out](https://example.com)');
    writeFileSync(join(dir, 'docs', 'page.md'), '# Page\n\n## Two words `here`\n');

    const problemsOf = (markdown: string): string[] => {
      writeFileSync(join(dir, 'README.md'), markdown);
      return linkProblems(dir);
    };

    it('accepts loopback addresses, files, folders and headings that exist, and ignores code', () => {
      expect(problemsOf([
        'Open <http://127.0.0.1:4000/> or [the admin](http://localhost:4300/ready).',
        'See [page](docs/page.md#two-words-here), [docs](docs/) and [here](#title).',
        '`https://example.com/in-code` and', '```', 'curl https://example.com/in-a-block', '```',
      ].join('\n') + '\n# Title\n')).toEqual([]);
    });

    it('refuses external links of every form, missing files, missing headings and leaving the repository', () => {
      const problems = problemsOf([
        '[a](https://example.com/a)', '<https://example.com/b>', 'bare https://example.com/c here',
        '[ref]: https://example.com/d', '[mail](mailto:someone@example.com)', 'www.example.com/e',
        '[gone](docs/missing.md)', '[no heading](docs/page.md#nowhere)', '[up](../outside.md)',
      ].join('\n\n'));
      for (const wanted of ['example.com/a', 'example.com/b', 'example.com/c', 'example.com/d', 'mailto:', 'www.example.com/e']) {
        expect(problems.some((p) => p.includes('links outside the repository') && p.includes(wanted)), wanted).toBe(true);
      }
      expect(problems).toEqual(expect.arrayContaining([
        'README.md: names a missing file: docs/missing.md',
        'README.md: names a missing heading: docs/page.md#nowhere',
        'README.md: leaves the repository: ../outside.md',
      ]));
      expect(problems.some((p) => p.startsWith('node_modules'))).toBe(false);
    });

    it('numbers duplicate headings as GitHub does', () => {
      expect([...anchorsOf('# A\n## A\n### `code`, and more!\n')]).toEqual(['a', 'a-1', 'code-and-more']);
      expect(linkTargets('[x](a.md "title") ![img](b.png)')).toEqual(['a.md', 'b.png']);
    });
  });
});
