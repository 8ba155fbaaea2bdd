import { describe, expect, it } from 'vitest';
import { classifyContentType, InvalidJsonBodyError, parseRequestBody, UnsupportedCharsetError } from './content-type.ts';

describe('request body content types and charsets', () => {
  it('reads JSON without a charset, or with utf-8 / utf8 in any case, quoted or not', () => {
    for (const type of ['application/json', 'application/json; charset=utf-8', 'Application/JSON;Charset=UTF-8', 'application/json; charset="utf-8"',
      'application/json; charset=utf8', 'application/graphql-response+json; charset=UTF-8', 'application/json; foo=bar']) {
      expect(classifyContentType(type), type).toBe('json');
    }
  });

  it('refuses JSON in any other charset, an empty one, or two of them', () => {
    for (const type of ['application/json; charset=utf-7', 'application/json; charset=iso-2022-jp', 'application/json;charset=UTF-32BE',
      'application/json; charset=utf-16', 'application/json; charset=latin1', 'application/json; charset=', 'application/json; charset="utf-7"',
      'application/json; charset=utf-8; charset=utf-7', 'application/json; charset=utf-8x']) {
      expect(classifyContentType(type), type).toBe('unsupported');
      expect(() => parseRequestBody(type, Buffer.from('{"query":"{ hello }"}')), type).toThrow(UnsupportedCharsetError);
    }
  });

  it('hands anything that is not JSON to Apollo as text (which refuses it), and an empty body as undefined', () => {
    expect(classifyContentType('text/plain; charset=utf-7')).toBe('text');
    expect(classifyContentType(undefined)).toBe('text');
    expect(parseRequestBody('text/plain', Buffer.from('{ hello }'))).toBe('{ hello }');
    expect(parseRequestBody('application/json', Buffer.alloc(0))).toBeUndefined();
  });

  it('parses UTF-8 JSON and refuses bytes that are not UTF-8 or not JSON', () => {
    expect(parseRequestBody('application/json; charset=utf-8', Buffer.from('{"query":"{ é }"}'))).toEqual({ query: '{ é }' });
    expect(() => parseRequestBody('application/json', Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d]))).toThrow(InvalidJsonBodyError);
    // "+ADw-" is UTF-7 for "<": read as UTF-8 it is just text, never decoded into markup.
    expect(() => parseRequestBody('application/json', Buffer.from('{"query": +ACI-x+ACI-}'))).toThrow(InvalidJsonBodyError);
    expect(() => parseRequestBody('application/json', Buffer.from('{"query":'))).toThrow(InvalidJsonBodyError);
  });
});
