/**
 * Which coded error a failed fetch from the media origin becomes: a timeout (connecting, or waiting for
 * headers or body) is UPSTREAM_TIMEOUT, anything else (refused, reset, unknown host) UPSTREAM_UNAVAILABLE.
 * The origin's address never reaches the client.
 */
import type { ErrorCode } from '../../contracts/error-codes.ts';

const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']);

export function upstreamFailureCode(error: unknown): Extract<ErrorCode, 'UPSTREAM_TIMEOUT' | 'UPSTREAM_UNAVAILABLE'> {
  let current: unknown = error;
  // undici wraps socket errors: the code may be on the error or on its cause.
  for (let depth = 0; current && depth < 3; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && TIMEOUT_CODES.has(code)) return 'UPSTREAM_TIMEOUT';
    current = (current as { cause?: unknown }).cause;
  }
  return 'UPSTREAM_UNAVAILABLE';
}
