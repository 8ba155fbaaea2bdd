import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REGISTRY_ERROR_CODES, statusOf } from './registry-error.ts';

describe('the registry\'s own error codes', () => {
  it('are documented in the README\'s Schema registry section with their status', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const section = readme.split(/^## Schema registry$/m)[1]?.split(/^## /m)[0] ?? '';
    for (const [code, { status }] of Object.entries(REGISTRY_ERROR_CODES)) expect(section, code).toContain(`\`${code}\` ${status}`);
  });

  it('answer with their own status, and the gateway\'s codes with the catalogue\'s', () => {
    expect(statusOf('SCHEMA_TOO_LARGE')).toBe(413);
    expect(statusOf('APPROVAL_REQUIRED')).toBe(409);
    expect(statusOf('RATE_LIMITED')).toBe(429);
  });
});
