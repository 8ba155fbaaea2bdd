/**
 * A node:http server's lifecycle, shared by the public and admin listeners: start on host:port (0: any free
 * port) and say where it listens, IPv6 bracketed; close by finishing in-flight requests within a grace period.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export async function listenOn(server: Server, port: number, host: string): Promise<{ port: number; origin: string }> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  return { port: actual, origin: `http://${host.includes(':') ? `[${host}]` : host}:${actual}` };
}

/** Stops accepting, closes keep-alive sockets as their requests finish, and cuts the rest after `graceMs`. */
export async function drainServer(server: Server, graceMs: number): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const sweeper = setInterval(() => server.closeIdleConnections(), 25);
  const deadline = setTimeout(() => server.closeAllConnections(), graceMs);
  await closed;
  clearInterval(sweeper);
  clearTimeout(deadline);
}
