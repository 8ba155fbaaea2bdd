/**
 * A stand-in for the schema registry's read side (GET /supergraph with ETag and 304), to test gateways
 * that follow it without the whole registry. It can be stopped and restarted on the same port, and can
 * misbehave as a registry over a lost or restored store would: a lower version, or another store's.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hashSupergraph } from '../../gateway/supergraph/static-file.ts';

export interface RegistryDouble {
  url: string;
  /** The next version (or, to misbehave, the given version and store id); returns the version. */
  publish(sdl: string, as?: { version?: number; storeId?: string }): number;
  stop(): Promise<void>;
  start(): Promise<void>;
}

export const DOUBLE_STORE_ID = 'registry-double-store';

export async function startRegistryDouble(initialSdl: string): Promise<RegistryDouble> {
  let current = { version: 1, sdl: initialSdl, hash: hashSupergraph(initialSdl), storeId: DOUBLE_STORE_ID };
  let server: Server | null = null;
  let port = 0;
  const start = async () => {
    server = createServer((req, res) => {
      if (req.url !== '/supergraph') return res.writeHead(404).end();
      const etag = `"${current.storeId}:${current.version}:${current.hash}"`;
      if (req.headers['if-none-match'] === etag) return res.writeHead(304, { etag }).end();
      res.writeHead(200, { 'content-type': 'application/json', etag }).end(JSON.stringify(current));
    });
    await new Promise<void>((resolve) => server?.listen(port, '127.0.0.1', resolve));
    port = (server?.address() as AddressInfo).port;
  };
  await start();
  return {
    url: `http://127.0.0.1:${port}`,
    publish: (sdl, as = {}) => {
      current = { version: as.version ?? current.version + 1, sdl, hash: hashSupergraph(sdl), storeId: as.storeId ?? current.storeId };
      return current.version;
    },
    stop: () => new Promise<void>((resolve) => { server?.closeAllConnections(); server?.close(() => resolve()); }),
    start,
  };
}
