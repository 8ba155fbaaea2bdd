/**
 * How the gateway reads a request body, from its Content-Type. JSON bodies (`application/json`,
 * `application/graphql-response+json`) are read as UTF-8 only (RFC 8259 section 8.1): a charset parameter
 * other than `utf-8` (or its common alias `utf8`, in any case, quoted or not) is refused with 415
 * UNSUPPORTED_MEDIA_TYPE instead of being decoded as UTF-8 anyway, so that a proxy or firewall that honours
 * the charset (utf-7, iso-2022-jp, utf-32be...) inspects the very text that runs. A charset given twice
 * is ambiguous and refused too; bytes that are not valid UTF-8 are refused with 400 BAD_REQUEST.
 * Other content types are handed to Apollo Server as text, which refuses them (CSRF or 400).
 */
const JSON_TYPES = new Set(['application/json', 'application/graphql-response+json']);
const UTF8_NAMES = new Set(['utf-8', 'utf8']);

export class UnsupportedCharsetError extends Error {}
export class InvalidJsonBodyError extends Error {}

/** 'json' (read as UTF-8), 'text' (not JSON) or 'unsupported' (JSON in a charset that is not UTF-8). */
export function classifyContentType(contentType: string | undefined): 'json' | 'text' | 'unsupported' {
  const [type = '', ...parameters] = (contentType ?? '').split(';');
  if (!JSON_TYPES.has(type.trim().toLowerCase())) return 'text';
  const charsets = parameters
    .map((p) => p.split('='))
    .filter(([name]) => name?.trim().toLowerCase() === 'charset')
    .map(([, ...value]) => value.join('=').trim().replace(/^"(.*)"$/, '$1').toLowerCase());
  if (charsets.length === 0) return 'json';
  return charsets.length === 1 && UTF8_NAMES.has(charsets[0] as string) ? 'json' : 'unsupported';
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The body as Apollo Server takes it: parsed JSON, text, or undefined when empty. Throws the errors above. */
export function parseRequestBody(contentType: string | undefined, raw: Buffer): unknown {
  const kind = classifyContentType(contentType);
  if (kind === 'unsupported') throw new UnsupportedCharsetError();
  if (raw.length === 0) return undefined;
  if (kind === 'text') return raw.toString('utf8');
  try {
    return JSON.parse(utf8.decode(raw));
  } catch {
    throw new InvalidJsonBodyError();
  }
}
