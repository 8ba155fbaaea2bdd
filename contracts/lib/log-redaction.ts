/**
 * What never reaches a log line, in one place for every process (logger.ts applies it): the VALUES of
 * fields named like a secret or a piece of personal data, at any of the first four levels of a logged
 * object (pino's `redact` paths), and token-looking text inside free strings (messages, error messages
 * and stacks), which no field name gives away.
 */

/** Field names whose values are secrets: headers, tokens, credentials, keys, cookies. */
const SECRET_FIELDS = [
  'authorization', 'Authorization', 'proxy-authorization', 'cookie', 'Cookie', 'set-cookie', 'Set-Cookie',
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

const key = (name: string): string => (/^[A-Za-z_$][\w$]*$/.test(name) ? `.${name}` : `["${name}"]`);

/** pino `redact` paths: each field at the top level and up to three objects deep (req.headers.authorization). */
export const REDACT_PATHS: readonly string[] = REDACTED_FIELDS.flatMap((name) => {
  const k = key(name);
  return [k.startsWith('.') ? k.slice(1) : k, `*${k}`, `*.*${k}`, `*.*.*${k}`];
});

export const REDACTED = '[REDACTED]';

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
