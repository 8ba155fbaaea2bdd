/** JSON answers and coded errors, in the gateway's shape: `{ errors: [{ message, extensions: { code } }] }`. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BodyTooLargeError, readBody } from '../../contracts/lib/read-body.ts';
import { RegistryError, statusOf, type RegistryErrorCode } from '../service/registry-error.ts';

export function sendJson(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers }).end(JSON.stringify(value));
}

/** `extra` travels beside `errors`: a refused publish carries its check report there. */
export function sendError(res: ServerResponse, code: RegistryErrorCode, message: string, extra: Record<string, unknown> = {}, extraHeaders: Record<string, string> = {}): void {
  const headers: Record<string, string> = code === 'UNAUTHENTICATED' ? { 'www-authenticate': 'Bearer realm="passerelle-registry"', ...extraHeaders } : extraHeaders;
  sendJson(res, statusOf(code), { errors: [{ message, extensions: { code } }], ...extra }, headers);
}

/** The JSON body of a request, refused above maxBytes (413) or when not a JSON object (400). */
export async function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<Record<string, unknown>> {
  let raw: Buffer;
  try {
    raw = await readBody(req, maxBytes);
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw new RegistryError('PAYLOAD_TOO_LARGE', `The request body exceeds ${maxBytes} bytes.`);
    throw error;
  }
  let value: unknown;
  try { value = JSON.parse(raw.toString('utf8')); } catch { throw new RegistryError('BAD_REQUEST', 'The request body is not valid JSON.'); }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new RegistryError('BAD_REQUEST', 'The request body must be a JSON object.');
  return value as Record<string, unknown>;
}
