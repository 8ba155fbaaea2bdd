/** Starts a node:http server on host:port (0: any free port) and says where it listens, IPv6 bracketed. */
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
