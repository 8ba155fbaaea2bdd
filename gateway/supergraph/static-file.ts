/**
 * A supergraph read from a file, in the shape @apollo/gateway expects of `supergraphSdl`, so that a
 * registry-fed source can replace it later without touching the rest of the gateway.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { SupergraphSdlHook } from '@apollo/gateway';

export interface SupergraphState {
  sdl: string;
  hash: string;
  /** The registry's version number; null for a file. */
  version: number | null;
  loadedAt: string;
  source: string;
}

export const hashSupergraph = (sdl: string): string => createHash('sha256').update(sdl).digest('hex');

export function staticSupergraphFile(path: string, onLoad: (state: SupergraphState) => void): SupergraphSdlHook {
  return async () => {
    const sdl = await readFile(path, 'utf8');
    onLoad({ sdl, hash: hashSupergraph(sdl), version: null, loadedAt: new Date().toISOString(), source: path });
    return { supergraphSdl: sdl };
  };
}
