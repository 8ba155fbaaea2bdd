/**
 * Who is calling: `Authorization: Bearer <id>.<secret>` checked against the credentials file (re-read
 * when it changes, so a revoked credential stops working at once). scrypt is deliberately slow, so a
 * verified token is remembered for a few minutes by its SHA-256, and only while its entry is unchanged.
 * An unknown id costs a full scrypt too, so timing does not reveal which ids exist. A token not
 * remembered costs one token of its source's failure bucket (failure-limiter.ts) before its scrypt runs:
 * a source that keeps failing is refused RATE_LIMITED without any scrypt.
 */
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { RegistryError } from '../service/registry-error.ts';
import { readCredentials, type Credential } from './credentials-file.ts';
import { FailureLimiter, type FailureLimits } from './failure-limiter.ts';
import { hashSecret, verifySecret } from './secret-hash.ts';

export const AUTH_DEFAULTS = Object.freeze({ verifiedTtlMs: 5 * 60_000, maxVerified: 1_000 });

export class Authenticator {
  private credentials: Credential[] = [];
  private loadedVersion = '';
  private readonly verified = new Map<string, { secretHash: string; id: string; until: number }>();
  private readonly decoy = hashSecret('decoy: never a real secret');
  private readonly failures: FailureLimiter;

  /** `extra` are credentials held in memory only: the --dev credentials, never written to the file. */
  constructor(private readonly path: string, private readonly extra: readonly Credential[] = [], failureLimits: Partial<FailureLimits> = {}) {
    this.failures = new FailureLimiter(failureLimits);
  }

  private async reload(): Promise<void> {
    // The file is replaced by rename on every change: a new inode, even within one mtime tick.
    const version = await stat(this.path).then((s) => `${s.ino}:${s.mtimeMs}:${s.size}`, () => 'absent');
    if (version === this.loadedVersion) return;
    this.credentials = [...(await readCredentials(this.path)), ...this.extra];
    this.loadedVersion = version;
  }

  /** Loads the file now, so that a malformed credentials file stops the registry at startup. */
  async load(): Promise<number> {
    await this.reload();
    return this.credentials.length;
  }

  /**
   * The credential behind an Authorization header, or null for none, malformed, unknown or wrong; throws
   * RATE_LIMITED (with Retry-After) when `source` (the client address) has failed too often lately.
   */
  async authenticate(authorization: string | undefined, source = 'unknown'): Promise<Credential | null> {
    const token = /^Bearer ([^\s]+)$/i.exec(authorization?.trim() ?? '')?.[1];
    if (!token) return null;
    await this.reload();
    const dot = token.indexOf('.');
    const id = dot > 0 ? token.slice(0, dot) : '';
    const secret = dot > 0 ? token.slice(dot + 1) : token;
    const credential = this.credentials.find((c) => c.id === id);
    const digest = createHash('sha256').update(token).digest('hex');
    const remembered = this.verified.get(digest);
    if (credential && remembered && remembered.id === credential.id && remembered.secretHash === credential.secretHash && remembered.until > Date.now()) {
      return credential;
    }
    const allowed = this.failures.take(source);
    if (!allowed.ok) {
      throw new RegistryError('RATE_LIMITED', `Too many failed authentications from this address: try again in ${allowed.retryAfterSeconds} s.`, {},
        { 'retry-after': String(allowed.retryAfterSeconds) });
    }
    const ok = await verifySecret(secret, credential?.secretHash ?? (await this.decoy));
    if (!credential || !ok) return null;
    this.failures.giveBack(source);
    if (this.verified.size >= AUTH_DEFAULTS.maxVerified) this.verified.clear();
    this.verified.set(digest, { id: credential.id, secretHash: credential.secretHash, until: Date.now() + AUTH_DEFAULTS.verifiedTtlMs });
    return credential;
  }
}
