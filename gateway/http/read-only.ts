/**
 * Routes of the public port that only serve files (the offline explorer, media) answer GET and HEAD;
 * any other method is refused with a coded error and an `Allow` header, before any work.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendError } from './node-server.ts';

/** Returns true when the request was refused (the response is sent). */
export function refuseUnlessReadOnly(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method === 'GET' || req.method === 'HEAD') return false;
  res.setHeader('allow', 'GET, HEAD');
  sendError(res, 'BAD_REQUEST', 'This path answers GET and HEAD only.');
  return true;
}
