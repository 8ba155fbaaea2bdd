/**
 * A legacy system gone bad, for tests of unsafe consumption: answers every request with whatever the
 * test sets (XXE, entity bombs, huge or truncated bodies, faults full of internals), and records requests.
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type HostileAnswer = (res: ServerResponse) => void;
export interface HostileServer { url: string; requests: string[]; answer(with_: HostileAnswer): void; close(): Promise<void> }

export async function startHostileServer(): Promise<HostileServer> {
  let answer: HostileAnswer = (res) => res.writeHead(500).end();
  const requests: string[] = [];
  const server = createServer((req, res) => {
    req.resume();
    requests.push(`${req.method} ${req.url}`);
    req.on('end', () => answer(res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    answer: (next) => { answer = next; },
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

export const soapEnvelope = (body: string, prolog = ''): string =>
  `<?xml version="1.0" encoding="utf-8"?>${prolog}<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>${body}</soap:Body></soap:Envelope>`;
