/**
 * Reads each channel's manifest once at startup into a map from operation id to body. A channel knows
 * only its own manifest: an id from another channel's manifest is not found there.
 */
import { readFileSync } from 'node:fs';
import { CHANNELS, type Channel } from '../../contracts/principal.ts';
import { ManifestError, parseManifest } from '../../contracts/manifest-format.ts';

export type ManifestsByChannel = Readonly<Record<Channel, ReadonlyMap<string, string>>>;

const EMPTY: ReadonlyMap<string, string> = new Map();

export function loadChannelManifests(paths: Partial<Record<Channel, string>>): ManifestsByChannel {
  const load = (channel: Channel): ReadonlyMap<string, string> => {
    const path = paths[channel];
    if (!path) return EMPTY;
    let json: string;
    try { json = readFileSync(path, 'utf8'); } catch { throw new ManifestError(`The ${channel} channel's persisted query manifest cannot be read: ${path}`); }
    return new Map(parseManifest(json, path).operations.map((op) => [op.id, op.body]));
  };
  return Object.freeze(Object.fromEntries(CHANNELS.map((channel) => [channel, load(channel)])) as Record<Channel, ReadonlyMap<string, string>>);
}
