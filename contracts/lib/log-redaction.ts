/**
 * What never reaches a log line, in one place for every process (logger.ts applies it): the VALUES of
 * fields named like a secret or a piece of personal data, at any depth of a logged object (redactFields),
 * and token-looking text inside free strings (messages, error messages and stacks), which no field name
 * gives away (scrubText).
 */

/** Field names (matched in any case) whose values are secrets: headers, tokens, credentials, keys, cookies. */
const SECRET_FIELDS = [
  'authorization', 'proxy-authorization', 'cookie', 'set-cookie',
  'passerelle-internal-token', 'x-api-key',
  'token', 'accessToken', 'access_token', 'refreshToken', 'refresh_token', 'idToken', 'id_token', 'bearer',
  'secret', 'clientSecret', 'client_secret', 'purgeSecret', 'password', 'passphrase',
  'credential', 'credentials', 'apiKey', 'api_key', 'privateKey', 'privateKeyPem', 'secretHash',
] as const;

/** Field names whose values are personal data (a customer's contact details and identity). */
const PERSONAL_FIELDS = [
  'email', 'emailAddress', 'phone', 'phoneNumber', 'mobile', 'firstName', 'lastName', 'givenName', 'familyName',
  'fullName', 'displayName', 'birthDate', 'dateOfBirth', 'address', 'postalAddress', 'street', 'iban',
] as const;

export const REDACTED_FIELDS: readonly string[] = [...SECRET_FIELDS, ...PERSONAL_FIELDS];

export const REDACTED = '[REDACTED]';

const NAMES = new Set(REDACTED_FIELDS.map((name) => name.toLowerCase()));
/** How deep into a logged object names are looked for (req.headers.authorization is depth 2). */
const MAX_DEPTH = 5;

const isPlainObject = (value: unknown): value is Record<string, unknown> => {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
};

/**
 * The object with the value of every field named like a secret or personal data (any case, at any depth
 * up to MAX_DEPTH) replaced by [REDACTED]. Copy on write: the caller's objects are never changed, and an
 * object with nothing to hide is returned as it is. Errors and other class instances are left to their
 * serializers (logger.ts scrubs errors' text). A walk rather than pino's `redact` paths: wildcard paths
 * (`*.*.authorization`) for these names cost some 0.7 ms a line, the walk a few microseconds.
 */
export function redactFields<T>(value: T, depth = 0): T {
  if (depth > MAX_DEPTH) return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((item: unknown, index) => {
      const redacted = redactFields(item, depth + 1);
      if (redacted !== item) (copy ??= [...value])[index] = redacted;
    });
    return (copy ?? value) as T;
  }
  if (!isPlainObject(value)) return value;
  let copy: Record<string, unknown> | undefined;
  for (const [name, field] of Object.entries(value)) {
    const redacted = NAMES.has(name.toLowerCase()) ? REDACTED : redactFields(field, depth + 1);
    if (redacted !== field) (copy ??= { ...value })[name] = redacted;
  }
  return (copy ?? value) as T;
}

/** Token-looking text, whatever field or message holds it. Order matters: the widest patterns first. */
const TEXT_PATTERNS: readonly [RegExp, string][] = [
  // PEM private keys (an internal-token signing key in a configuration error...).
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g, REDACTED],
  // "Bearer <anything>": an Authorization header's value quoted in a message.
  [/\b(Bearer)\s+[^\s"',;]+/gi, `$1 ${REDACTED}`],
  // JWTs (bearer tokens, internal tokens): three base64url parts, the first a JSON header.
  [/\beyJ[\w-]*\.[\w-]+\.[\w-]*/g, REDACTED],
  // A registry credential "<id>.<secret>": the secret is 32 random bytes in base64url (43 characters).
  [/\b[\w-]+\.[\w-]{40,}/g, REDACTED],
  // key=value or key: value of a secret (query strings, configuration echoes).
  [/\b(token|secret|password|passwd|credentials?|api[_-]?key|passerelle-internal-token)(["']?\s*[=:]\s*["']?)[^\s"'&,;]+/gi, `$1$2${REDACTED}`],
  // E-mail addresses.
  [/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, REDACTED],
];

/** The text with every token-looking part replaced by [REDACTED]. */
export function scrubText(text: string): string {
  let out = text;
  for (const [pattern, replacement] of TEXT_PATTERNS) out = out.replace(pattern, replacement);
  return out;
}
