/**
 * On random ports the catalog subgraph must know the gateway's address (its pictures' base is the
 * gateway's /media) before the gateway starts, since the gateway needs the subgraphs' addresses. This
 * holds a free loopback port, listening, until released just before the gateway takes it, so that no
 * other server can be given it in between.
 */
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface ReservedPort { port: number; release(): Promise<void> }

export async function reservePort(host: string): Promise<ReservedPort> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  let released: Promise<void> | null = null;
  return {
    port: (server.address() as AddressInfo).port,
    release: () => (released ??= new Promise<void>((resolve) => server.close(() => resolve()))),
  };
}
