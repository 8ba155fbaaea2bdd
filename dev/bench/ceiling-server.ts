/**
 * The ceiling of the cache-hit path: a bare node:http server that answers every POST with bytes captured
 * from Passerelle's warm answers (same status, headers and body), chosen by path and by the request's
 * Authorization header (each customer gets their own answer), doing nothing else. What a hit costs above
 * this is the gateway's own work: HTTP handling, JWT verification, client and persisted-operation checks,
 * parsing and validation, authorization, the cache lookup, serialisation.
 *   node --import tsx dev/bench/ceiling-server.ts <config.json>
 *   config: { "/path": { "<authorization header, or empty>": { status, headers, body } } }
 */
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';

export interface CapturedAnswer { status: number; headers: Record<string, string>; body: string }

const config = JSON.parse(readFileSync(process.argv[2] as string, 'utf8')) as Record<string, Record<string, CapturedAnswer>>;
const answers = new Map(Object.entries(config).map(([path, byCaller]) => [path, new Map(Object.entries(byCaller).map(([caller, a]) =>
  [caller, { status: a.status, headers: { ...a.headers, 'content-length': String(Buffer.byteLength(a.body)) }, body: Buffer.from(a.body) }]))]));

const server = createServer((req, res) => {
  const answer = answers.get(req.url ?? '')?.get(req.headers.authorization ?? '');
  // The request body is read to its end, as any server must before answering on a kept-alive connection.
  req.resume();
  req.on('end', () => {
    if (!answer) { res.writeHead(404).end(); return; }
    res.writeHead(answer.status, answer.headers).end(answer.body);
  });
});
server.keepAliveTimeout = 30_000;
server.listen(0, '127.0.0.1', () => console.log(`ceiling server ready at http://127.0.0.1:${(server.address() as AddressInfo).port}/`));
process.on('SIGTERM', () => { server.closeAllConnections(); server.close(() => process.exit(0)); });
