/**
 * One access-log line per request of the gateway's public port, written when its answer has left (or the
 * caller went away): who called (client, version, channel), what ran (operation name, document hash),
 * how it ended (HTTP status, duration, cache status, error codes) and the trace id that ties it to its
 * trace and to the subgraphs' lines. Never the query text, variables, tokens or the caller's address.
 * Probes (/health, /ready) are not logged: they would drown the rest.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Logger } from '../../contracts/lib/logger.ts';
import { openAccessRecord, type AccessRecord } from './access-record.ts';
import { traceIdOf } from './trace-id.ts';

/** Client-chosen strings are cut short: a header is no place to smuggle a paragraph into the logs. */
export const clip = (value: string | string[] | undefined, max = 100): string | undefined =>
  (typeof value === 'string' && value !== '' ? value.slice(0, max) : undefined);

/** The fields of the line, in a stable order, absent ones left out. */
export function accessLine(record: AccessRecord, res: ServerResponse): Record<string, unknown> {
  const line: Record<string, unknown> = {
    kind: 'access',
    traceId: record.traceId,
    method: record.method,
    path: record.path,
    status: res.statusCode,
    durationMs: Math.round((performance.now() - record.started) * 10) / 10,
    client: record.client,
    clientVersion: record.clientVersion,
    channel: record.channel,
    operation: record.operation,
    documentHash: record.documentHash,
    cache: record.cache,
    errorCodes: record.errorCodes.size > 0 ? [...record.errorCodes] : undefined,
    aborted: res.writableFinished ? undefined : true,
  };
  for (const key of Object.keys(line)) if (line[key] === undefined) delete line[key];
  return line;
}

/** Opens the request's record; its line is written once the response is closed. */
export function beginAccessLog(req: IncomingMessage, res: ServerResponse, log: Logger): AccessRecord {
  const record = openAccessRecord(res, {
    traceId: traceIdOf(req.headers),
    started: performance.now(),
    method: req.method ?? 'GET',
    path: (req.url ?? '/').split('?')[0] ?? '/',
    // What the caller claims, until the gateway has identified it (access-log-plugin.ts).
    client: clip(req.headers['apollographql-client-name']),
    clientVersion: clip(req.headers['apollographql-client-version']),
    errorCodes: new Set(),
  });
  res.once('close', () => {
    const line = accessLine(record, res);
    log.info(line, `${line['method']} ${line['path']} ${line['status']} ${line['durationMs']} ms`);
  });
  return record;
}
