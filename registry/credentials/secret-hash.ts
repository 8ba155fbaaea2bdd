/**
 * Credential secrets are stored only as scrypt hashes, each with its own random salt, so that a leaked
 * credentials file gives away no secret and two equal secrets never hash alike. Verification re-derives
 * the key and compares in constant time (timingSafeEqual), so the time taken says nothing about how
 * much of a guess was right.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** scrypt cost (N = 2^14, r = 8, p = 1: OWASP's minimum), key and salt lengths. */
export const SCRYPT = Object.freeze({ N: 16_384, r: 8, p: 1, keyLength: 32, saltLength: 16 });

function derive(secret: string, salt: Buffer, keyLength: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(secret, salt, keyLength, { ...options, maxmem: 64 * 1024 * 1024 }, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/** A new random secret, 256 bits, base64url (no '.', so it can follow a credential id in a token). */
export const newSecret = (): string => randomBytes(32).toString('base64url');

/** `scrypt$N$r$p$salt$key`, salt and key in base64url: the parameters travel with the hash. */
export async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(SCRYPT.saltLength);
  const key = await derive(secret, salt, SCRYPT.keyLength, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p });
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** True when `secret` is the one `stored` was made from; false for any malformed hash. */
export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  const salt = Buffer.from(parts[4]!, 'base64url');
  const expected = Buffer.from(parts[5]!, 'base64url');
  if (![N, r, p].every(Number.isInteger) || expected.length === 0 || salt.length === 0) return false;
  const actual = await derive(secret, salt, expected.length, { N, r, p });
  return timingSafeEqual(actual, expected);
}
