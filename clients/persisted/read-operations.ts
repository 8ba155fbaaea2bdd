/**
 * The operation files of each channel: clients/<channel>/operations/*.graphql, read as text so that a
 * syntax error can be reported with its file (parsing happens in build-manifest.ts).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface OperationFile {
  channel: string;
  /** Relative to the clients directory, e.g. `mobile/operations/AccountHome.graphql`. */
  file: string;
  source: string;
}

/** Directories of `root` that hold an `operations/` folder, sorted: one per channel. */
export function channelDirectories(root: string): string[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(root, entry.name, 'operations')))
    .map((entry) => entry.name)
    .sort();
}

export function readChannelOperations(root: string, channel: string): OperationFile[] {
  const dir = join(root, channel, 'operations');
  return readdirSync(dir)
    .filter((name) => name.endsWith('.graphql'))
    .sort()
    .map((name) => ({ channel, file: `${channel}/operations/${name}`, source: readFileSync(join(dir, name), 'utf8') }));
}
