import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cacheHintOf } from './cache-hint.ts';

describe('cache hint of a subgraph response (private unless positively public)', () => {
  it.each([
    ['max-age=300, public', { maxAge: 300, scope: 'PUBLIC' }],
    ['public, max-age=60', { maxAge: 60, scope: 'PUBLIC' }],
    ['max-age=10, private', { maxAge: 10, scope: 'PRIVATE' }],
    ['max-age=60', { maxAge: 60, scope: 'PRIVATE' }],
    ['max-age=60, public, private', { maxAge: 60, scope: 'PRIVATE' }],
    ['public', { maxAge: 0, scope: 'PUBLIC' }],
    ['no-store', { maxAge: 0, scope: 'PRIVATE' }],
    ['max-age=60, public, no-cache', { maxAge: 0, scope: 'PRIVATE' }],
    ['max-age=abc, public', { maxAge: 0, scope: 'PUBLIC' }],
    ['', { maxAge: 0, scope: 'PRIVATE' }],
  ])('%s', (header, hint) => {
    expect(cacheHintOf(header)).toEqual(hint);
  });

  it('treats a missing header as uncacheable and private', () => {
    expect(cacheHintOf(null)).toEqual({ maxAge: 0, scope: 'PRIVATE' });
    expect(cacheHintOf(undefined)).toEqual({ maxAge: 0, scope: 'PRIVATE' });
  });

  it('is public only when the header says public and nothing says private', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom('public', 'private', 'max-age=5', 'no-transform', 's-maxage=9', 'must-revalidate'), { maxLength: 6 }), (parts) => {
      const hint = cacheHintOf(parts.join(', '));
      expect(hint.scope === 'PUBLIC').toBe(parts.includes('public') && !parts.includes('private'));
    }));
  });
});
