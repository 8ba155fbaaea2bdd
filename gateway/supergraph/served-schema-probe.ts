/**
 * Asks a subgraph which schema it really serves (`_service { sdl }`, with the gateway's signed internal
 * token: subgraphs refuse any request without one, and only the gateway holds the signing key) and
 * compares it with the schema published to the registry. The registry-following gateway swaps to a new
 * supergraph only once every changed subgraph serves its published schema: publishing before deploying
 * must never route fields to a subgraph that does not have them yet.
 */
import { buildASTSchema, Kind, lexicographicSortSchema, parse, print, printSchema, type DefinitionNode } from 'graphql';
import { INTERNAL_TOKEN_HEADER, type InternalTokenSigner } from '../../contracts/internal-token.ts';
import { ANONYMOUS_WEB } from '../../contracts/principal.ts';

export const SCHEMA_PROBE_DEFAULTS = Object.freeze({ timeoutMs: 3_000 });

/** Federation's own machinery, which a served schema prints and a published file may not. */
const MACHINERY = /^(_|link__|federation__|join__)/;
const MACHINERY_FIELDS = new Set(['_service', '_entities']);

/**
 * One canonical text per schema: type extensions merged into their types, everything sorted, comments,
 * directive definitions and federation's own types and fields left out. Two schemas with the same types,
 * fields, arguments and descriptions print the same, however their files were written.
 */
export function normaliseSubgraphSdl(sdl: string): string {
  const sorted = printSchema(lexicographicSortSchema(buildASTSchema(parse(sdl), { assumeValidSDL: true })));
  const definitions = parse(sorted).definitions.flatMap((definition): DefinitionNode[] => {
    if (definition.kind === Kind.SCHEMA_DEFINITION || definition.kind === Kind.DIRECTIVE_DEFINITION) return [];
    if (!('name' in definition) || !definition.name || MACHINERY.test(definition.name.value)) return [];
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION || !definition.fields) return [definition];
    const fields = definition.fields.filter((f) => !MACHINERY_FIELDS.has(f.name.value));
    return fields.length === 0 ? [] : [{ ...definition, fields }];
  });
  return print({ kind: Kind.DOCUMENT, definitions });
}

export interface SchemaProbeTarget { name: string; url: string; publishedSdl: string }

/** Null when the subgraph serves the published schema; otherwise why not (unreachable, refused, another schema). */
export async function probeServedSchema(target: SchemaProbeTarget, sign: InternalTokenSigner, timeoutMs: number = SCHEMA_PROBE_DEFAULTS.timeoutMs): Promise<string | null> {
  let served: string;
  try {
    const res = await fetch(target.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [INTERNAL_TOKEN_HEADER]: await sign(ANONYMOUS_WEB, target.name) },
      body: JSON.stringify({ query: '{ _service { sdl } }' }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = (await res.json().catch(() => null)) as { data?: { _service?: { sdl?: unknown } } } | null;
    const sdl = body?.data?._service?.sdl;
    if (!res.ok || typeof sdl !== 'string') return `${target.name} at ${target.url} did not tell its schema (HTTP ${res.status})`;
    served = sdl;
  } catch (error) {
    return `${target.name} at ${target.url} is unreachable (${(error as Error).name === 'TimeoutError' ? 'timed out' : (error as Error).message})`;
  }
  try {
    if (normaliseSubgraphSdl(served) === normaliseSubgraphSdl(target.publishedSdl)) return null;
  } catch (error) {
    return `${target.name}'s schema cannot be compared: ${(error as Error).message}`;
  }
  return `${target.name} at ${target.url} serves another schema than the one published`;
}
