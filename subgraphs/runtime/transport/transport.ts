/**
 * What every legacy call shares, REST or SOAP: reading a response body under a size cap, and telling
 * a timeout from an unreachable system from anything else, so that each failure gets its coded error.
 */
import { errors as undiciErrors, type Dispatcher } from 'undici';

/** The body, or null (and the connection dropped) when it is, or says it is, over maxBytes. */
export async function readCapped(res: Dispatcher.ResponseData, maxBytes: number): Promise<Buffer | null> {
  if (Number(res.headers['content-length'] ?? 0) > maxBytes) {
    res.body.destroy();
    return null;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res.body) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      res.body.destroy();
      return null;
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export type TransportFailure = 'UPSTREAM_TIMEOUT' | 'UPSTREAM_UNAVAILABLE' | 'UPSTREAM_ERROR';

/** How each failure is told to clients, after the system's name: "The CRM did not answer in time." */
export const FAILURE_WORDING: Readonly<Record<TransportFailure, string>> = Object.freeze({
  UPSTREAM_TIMEOUT: 'did not answer in time.',
  UPSTREAM_UNAVAILABLE: 'is unavailable.',
  UPSTREAM_ERROR: 'failed to answer.',
});

/** Classifies an error thrown while calling a legacy system under `signal`'s timeout. */
export function transportFailure(error: unknown, signal: AbortSignal): TransportFailure {
  if (signal.aborted) return 'UPSTREAM_TIMEOUT';
  const code = (error as { code?: unknown } | null)?.code;
  const network = typeof code === 'string' && /^(ECONNREFUSED|ECONNRESET|EPIPE|ENOTFOUND|EHOSTUNREACH|ETIMEDOUT|UND_ERR_)/.test(code);
  return network || error instanceof undiciErrors.UndiciError ? 'UPSTREAM_UNAVAILABLE' : 'UPSTREAM_ERROR';
}

/** A coded GraphQL error (already safe to show) rethrown as is. */
export const isCodedError = (error: unknown): boolean => error instanceof Error && 'extensions' in error;
