import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { codedError, ERROR_CODES, requestError } from '../contracts/error-codes.ts';

/** The rows of docs/errors.md's "The graph's codes" table: code, HTTP status, meaning. */
function documentedCodes(): Map<string, { status: number; meaning: string }> {
  const page = readFileSync(new URL('../docs/errors.md', import.meta.url), 'utf8');
  const section = page.split(/^## The graph's codes$/m)[1]?.split(/^## /m)[0] ?? '';
  const rows = [...section.matchAll(/^\| `([A-Z_]+)` \| (\d{3}) \| (.+) \|$/gm)];
  return new Map(rows.map((m) => [m[1] as string, { status: Number(m[2]), meaning: (m[3] as string).trim() }]));
}

describe('error-code catalogue', () => {
  it('is documented in docs/errors.md exactly as in the code, no code missing and none extra', () => {
    const documented = documentedCodes();
    expect([...documented.keys()].sort()).toEqual(Object.keys(ERROR_CODES).sort());
    for (const [code, entry] of Object.entries(ERROR_CODES)) expect(documented.get(code)).toEqual(entry);
  });

  it('builds field errors without an HTTP status and request errors with one', () => {
    expect(codedError('UPSTREAM_TIMEOUT', 'The CRM did not answer in time.').extensions).toEqual({ code: 'UPSTREAM_TIMEOUT' });
    expect(requestError('UNAUTHENTICATED', 'No.').extensions).toEqual({ code: 'UNAUTHENTICATED', http: { status: 401 } });
  });
});
