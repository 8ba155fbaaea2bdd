import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REGISTRY_ERROR_CODES, statusOf } from './registry-error.ts';

describe('the registry\'s own error codes', () => {
  it('are documented in docs/errors.md exactly as in the code, no code missing and none extra', () => {
    const page = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');
    const section = page.split(/^## The schema registry's own codes$/m)[1]?.split(/^## /m)[0] ?? '';
    const rows = [...section.matchAll(/^\| `([A-Z_]+)` \| (\d{3}) \| (.+) \|$/gm)];
    const documented = Object.fromEntries(rows.map((m) => [m[1] as string, { status: Number(m[2]), meaning: (m[3] as string).trim() }]));
    expect(documented).toEqual(REGISTRY_ERROR_CODES);
  });

  it('answer with their own status, and the gateway\'s codes with the catalogue\'s', () => {
    expect(statusOf('SCHEMA_TOO_LARGE')).toBe(413);
    expect(statusOf('APPROVAL_REQUIRED')).toBe(409);
    expect(statusOf('RATE_LIMITED')).toBe(429);
  });
});
