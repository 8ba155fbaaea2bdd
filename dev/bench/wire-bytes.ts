/**
 * One HTTP exchange on a connection of its own, counting the bytes that crossed it in each direction
 * (request line, headers and body; status line, headers and body), as read from the socket. Every
 * exchange of the bytes section goes through here, so both sides of a comparison pay the same framing.
 * Nothing is compressed: neither Passerelle nor the legacy systems compress their answers.
 */
import { request } from 'node:http';
import type { Socket } from 'node:net';

export interface WireExchange { status: number; contentType: string; body: string; requestBytes: number; responseBytes: number }

export interface WireRequest { method?: 'GET' | 'POST'; headers?: Record<string, string>; body?: string }

const TIMEOUT_MS = 10_000;

export function exchange(url: string, init: WireRequest = {}): Promise<WireExchange> {
  const body = init.body === undefined ? undefined : Buffer.from(init.body);
  const headers = { ...init.headers, ...(body ? { 'content-length': String(body.length) } : {}) };
  return new Promise((resolve, reject) => {
    let socket: Socket | undefined;
    const req = request(url, { method: init.method ?? 'GET', headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => resolve({
        status: res.statusCode ?? 0, contentType: String(res.headers['content-type'] ?? ''), body: Buffer.concat(chunks).toString('utf8'),
        requestBytes: socket?.bytesWritten ?? 0, responseBytes: socket?.bytesRead ?? 0,
      }));
    });
    req.on('socket', (s: Socket) => { socket = s; });
    req.on('error', reject);
    req.setTimeout(TIMEOUT_MS, () => req.destroy(new Error(`${url}: no answer within ${TIMEOUT_MS} ms`)));
    req.end(body);
  });
}
