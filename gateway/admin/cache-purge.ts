/**
 * POST /admin/cache/purge, `Authorization: Bearer <cache.purgeSecret>`, body `{"tags": ["Customer:100001"]}`:
 * removes every cached response holding one of these entities, on every replica sharing the store.
 * Off unless a purge secret is configured; the secret is compared in constant time.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ResponseStore } from '../cache/response-store.ts';
import { readBody } from '../../contracts/lib/read-body.ts';
import { sendError, sendJson } from '../http/node-server.ts';

const MAX_PURGE_BODY = 64 * 1024;
const TAG = /^[A-Za-z_][A-Za-z0-9_]*:[^\s]{1,128}$/;
const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

export function cachePurgeRoute(store: ResponseStore, secret: string) {
  const expected = digest(`Bearer ${secret}`);
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!timingSafeEqual(digest(req.headers['authorization'] ?? ''), expected)) return sendError(res, 'UNAUTHENTICATED', 'A valid purge secret is required.');
    let tags: unknown;
    try {
      tags = (JSON.parse((await readBody(req, MAX_PURGE_BODY)).toString('utf8')) as { tags?: unknown }).tags;
    } catch {
      return sendError(res, 'BAD_REQUEST', 'Expected a JSON body {"tags": ["Type:id", ...]}.');
    }
    if (!Array.isArray(tags) || tags.length === 0 || tags.length > 1000 || !tags.every((t) => typeof t === 'string' && TAG.test(t))) {
      return sendError(res, 'BAD_REQUEST', 'Expected 1 to 1000 tags of the form "Type:id".');
    }
    const { removed, delivered } = await store.invalidate(tags as string[]);
    sendJson(res, 200, { removed, delivered });
  };
}
