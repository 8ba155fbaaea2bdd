/** Where each channel's manifest lives: clients/<channel>/persisted-query-manifest.json. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHANNELS, type Channel } from './principal.ts';

export const MANIFEST_FILE_NAME = 'persisted-query-manifest.json';

/** The repository's clients/ directory. */
export const CLIENTS_ROOT = fileURLToPath(new URL('../clients/', import.meta.url));

export function manifestPath(root: string, channel: string): string {
  return join(root, channel, MANIFEST_FILE_NAME);
}

/** The manifests present under `root`, by channel: what the dev stack hands the gateway. */
export function manifestFilesOf(root: string = CLIENTS_ROOT): Partial<Record<Channel, string>> {
  return Object.fromEntries(CHANNELS.map((c) => [c, manifestPath(root, c)]).filter(([, path]) => existsSync(path as string)));
}
