import { describe, expect, it } from 'vitest';
import { exceededLimit, SCHEMA_LIMIT_DEFAULTS } from './schema-limits.ts';
import { wideSchema } from './wide-schema.ts';

describe('schema size limits, measured before composing', () => {
  it('passes every real-sized schema and one of 4,000 fields', () => {
    expect(exceededLimit(wideSchema(4_000))).toBeNull();
  });

  it('refuses a 100,000-field schema (1.3 MB) by its bytes at once, and by its tokens when bytes allow it', () => {
    const huge = wideSchema(100_000);
    expect(Buffer.byteLength(huge)).toBeGreaterThan(1_000_000);
    expect(exceededLimit(huge)).toMatchObject({ limit: 'maxSdlBytes', max: SCHEMA_LIMIT_DEFAULTS.maxSdlBytes, message: expect.stringMatching(/maxSdlBytes limit of 524288 bytes/) });
    // The parser stops at the token limit: found is unknown, the message names the limit.
    expect(exceededLimit(huge, { ...SCHEMA_LIMIT_DEFAULTS, maxSdlBytes: 10_000_000 })).toMatchObject({ limit: 'maxTokens', max: 100_000, found: null });
  });

  it('counts fields (enum values and input fields included) and types', () => {
    const limits = { ...SCHEMA_LIMIT_DEFAULTS, maxFields: 100, maxTypes: 5 };
    expect(exceededLimit(wideSchema(101, 50), { ...limits, maxTypes: 10 })).toMatchObject({ limit: 'maxFields', found: 104 });
    expect(exceededLimit(wideSchema(60, 10), limits)).toMatchObject({ limit: 'maxTypes', found: 7 });
    const enums = `type Query { a: E }\nenum E { ${Array.from({ length: 100 }, (_, i) => `V${i}`).join(' ')} }\ninput I { x: Int }`;
    expect(exceededLimit(enums, limits)).toMatchObject({ limit: 'maxFields', found: 102 });
  });

  it('leaves an unparsable schema to composition, which reports why', () => {
    expect(exceededLimit('type Query {')).toBeNull();
  });
});
