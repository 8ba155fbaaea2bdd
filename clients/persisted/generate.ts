/**
 * Generates every channel's manifest from clients/<channel>/operations against a supergraph, without
 * writing anything (main.ts writes; the sync test compares).
 */
import { buildSchema } from 'graphql';
import { CHANNELS } from '../../contracts/principal.ts';
import { printSupergraphApiSchema } from '../../schema/composition/api-schema.ts';
import { buildManifest, InvalidOperationsError } from './build-manifest.ts';
import { manifestPath } from '../../contracts/manifest-files.ts';
import { channelDirectories, readChannelOperations } from './read-operations.ts';

export interface GeneratedManifest {
  channel: string;
  path: string;
  /** The file's content: pretty JSON with a final newline, stable for the same operations. */
  json: string;
  operationCount: number;
}

export function generateManifests(clientsRoot: string, supergraphSdl: string): GeneratedManifest[] {
  const apiSchema = buildSchema(printSupergraphApiSchema(supergraphSdl));
  const channels = channelDirectories(clientsRoot);
  const unknown = channels.filter((c) => !(CHANNELS as readonly string[]).includes(c));
  if (unknown.length > 0) throw new InvalidOperationsError(unknown.map((c) => `${c}/operations: "${c}" is not a channel (${CHANNELS.join(', ')}).`));
  const problems: string[] = [];
  const generated: GeneratedManifest[] = [];
  for (const channel of channels) {
    try {
      const manifest = buildManifest(readChannelOperations(clientsRoot, channel), apiSchema);
      generated.push({ channel, path: manifestPath(clientsRoot, channel), json: `${JSON.stringify(manifest, null, 2)}\n`, operationCount: manifest.operations.length });
    } catch (error) {
      if (!(error instanceof InvalidOperationsError)) throw error;
      problems.push(...error.problems);
    }
  }
  if (problems.length > 0) throw new InvalidOperationsError(problems);
  return generated;
}
