/**
 * Automatic persisted queries are registered by whoever sends one, anonymous callers included, and kept
 * for `apqTtlSeconds` in the store every replica shares: without bounds, anyone could fill that store
 * with large documents. Each registration is limited in size, and each caller (signed-in subject, else
 * network address) in how many it may make per minute (a token bucket, refilled continuously).
 * In process, not in Redis: each replica bounds what it accepts; Redis' own maxmemory bounds the total.
 */
import type { ErrorCode } from '../../contracts/error-codes.ts';

export const APQ_DEFAULTS = Object.freeze({
  /** The largest document that may be registered, in UTF-8 bytes (client operations are a few KB). */
  maxBytes: 16 * 1024,
  /** Registrations per caller per minute (and burst). */
  registrationsPerMinute: 30,
  /** Callers tracked at once; the least recently seen are forgotten first. */
  trackedCallers: 10_000,
});

export interface ApqLimits { maxBytes: number; registrationsPerMinute: number }
export interface ApqRefusal { code: ErrorCode; message: string; retryAfterSeconds?: number }

export class ApqRegistrationGuard {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly limits: ApqLimits, private readonly now: () => number = Date.now) {}

  /** Null when `caller` may register `query` now (and counts it), else why not. */
  admit(caller: string, query: string): ApqRefusal | null {
    if (Buffer.byteLength(query) > this.limits.maxBytes) {
      return { code: 'PAYLOAD_TOO_LARGE', message: `An automatic persisted query may be at most ${this.limits.maxBytes} bytes: send a smaller document, or a registered persisted operation.` };
    }
    const perMs = this.limits.registrationsPerMinute / 60_000;
    const now = this.now();
    const previous = this.buckets.get(caller);
    const tokens = Math.min(this.limits.registrationsPerMinute, (previous?.tokens ?? this.limits.registrationsPerMinute) + (previous ? (now - previous.at) * perMs : 0));
    this.buckets.delete(caller);
    if (this.buckets.size >= APQ_DEFAULTS.trackedCallers) this.buckets.delete(this.buckets.keys().next().value as string);
    if (tokens < 1) {
      this.buckets.set(caller, { tokens, at: now });
      return { code: 'RATE_LIMITED', message: `Too many automatic persisted query registrations: at most ${this.limits.registrationsPerMinute} a minute.`, retryAfterSeconds: Math.ceil((1 - tokens) / perMs / 1000) };
    }
    this.buckets.set(caller, { tokens: tokens - 1, at: now });
    return null;
  }
}
