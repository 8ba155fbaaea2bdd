/**
 * What one request's access-log line will say, filled as the request goes: the HTTP layer opens it
 * (trace id, clock, path), the access-log plugin adds what Apollo knows (client, channel, operation,
 * document hash, error codes), the response cache says how it answered, and the HTTP layer writes it
 * when the answer has left (access-log.ts). It travels on the response object, and on the request's
 * GatewayContext under a symbol: Apollo copies the context per operation (own properties, symbols too),
 * and the logging concern stays out of the context's type.
 */
import type { ServerResponse } from 'node:http';

/** hit: served from the cache; miss: executed (and stored if it could be); stale: a stale entry served because a back end failed; bypass: not cacheable (mutations). */
export type CacheStatus = 'hit' | 'miss' | 'stale' | 'bypass';

export interface AccessRecord {
  traceId: string;
  /** performance.now() when the request arrived. */
  started: number;
  method: string;
  /** The path without its query string (a GET's query string holds the query text). */
  path: string;
  client?: string;
  clientVersion?: string;
  channel?: string;
  operation?: string;
  documentHash?: string;
  cache?: CacheStatus;
  errorCodes: Set<string>;
}

const ON_RESPONSE = new WeakMap<ServerResponse, AccessRecord>();
const ON_CONTEXT = Symbol('passerelle.access-record');

export function openAccessRecord(res: ServerResponse, record: AccessRecord): AccessRecord {
  ON_RESPONSE.set(res, record);
  return record;
}

export const accessRecordOf = (res: ServerResponse): AccessRecord | undefined => ON_RESPONSE.get(res);

/** The context, carrying the response's record to the plugins. */
export function withAccessRecord<C extends object>(context: C, res: ServerResponse): C {
  const record = ON_RESPONSE.get(res);
  if (record) Object.defineProperty(context, ON_CONTEXT, { value: record, enumerable: true, configurable: true });
  return context;
}

export const accessRecordOfContext = (context: object): AccessRecord | undefined =>
  (context as { [ON_CONTEXT]?: AccessRecord })[ON_CONTEXT];

export function noteErrorCode(res: ServerResponse, code: string): void {
  ON_RESPONSE.get(res)?.errorCodes.add(code);
}

/** The response cache's verdict for this request (cache/plugin.ts). */
export function noteCacheStatus(context: object, status: CacheStatus): void {
  const record = accessRecordOfContext(context);
  if (record) record.cache = status;
}

/** The codes of an error answer Apollo wrote before any plugin ran (a refused token or client: 401, 403). */
export function noteErrorBody(res: ServerResponse, body: string): void {
  const record = ON_RESPONSE.get(res);
  if (!record || record.errorCodes.size > 0) return;
  try {
    const { errors } = JSON.parse(body) as { errors?: { extensions?: { code?: unknown } }[] };
    for (const error of errors ?? []) if (typeof error.extensions?.code === 'string') record.errorCodes.add(error.extensions.code);
  } catch {
    // Not JSON: no code to report.
  }
}
