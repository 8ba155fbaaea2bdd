/**
 * Size limits on a candidate subgraph schema, measured before anything composes it: composition grows
 * faster than the schema (30,000 fields took 65 s of CPU), so a schema past these limits is refused at
 * once rather than composed. Bytes are counted first (free); tokens bound graphql-js' parser itself
 * (`maxTokens` stops it), then types and fields are counted on the parsed document.
 */
import { Kind, parse, type DocumentNode } from 'graphql';

export interface SchemaLimits {
  /** UTF-8 bytes of the SDL. */
  maxSdlBytes: number;
  /** Lexical tokens, counted by the parser, which stops past this many. */
  maxTokens: number;
  /** Type definitions and extensions (objects, interfaces, inputs, enums, unions, scalars). */
  maxTypes: number;
  /** Fields of objects and interfaces, input fields and enum values, extensions included. */
  maxFields: number;
}

/** The largest subgraph of the graph has 30 types and 65 fields; these leave room for 30 to 75 times that. */
export const SCHEMA_LIMIT_DEFAULTS: Readonly<SchemaLimits> = Object.freeze({
  maxSdlBytes: 512 * 1024,
  maxTokens: 100_000,
  maxTypes: 1_000,
  maxFields: 5_000,
});

export interface LimitExceeded { limit: keyof SchemaLimits; max: number; found: number | null; message: string }

const exceeded = (limit: keyof SchemaLimits, max: number, found: number | null, what: string): LimitExceeded => ({
  limit, max, found,
  message: `The schema exceeds the ${limit} limit of ${max} ${what}${found === null ? '' : ` (${found})`}.`,
});

/** Only the size in bytes: what the main thread checks before handing a schema to the worker. */
export function exceedsBytes(sdl: string, limits: SchemaLimits = SCHEMA_LIMIT_DEFAULTS): LimitExceeded | null {
  const bytes = Buffer.byteLength(sdl, 'utf8');
  return bytes > limits.maxSdlBytes ? exceeded('maxSdlBytes', limits.maxSdlBytes, bytes, 'bytes') : null;
}

/** The first limit the schema exceeds, or null. A schema that does not parse is left to composition to report. */
export function exceededLimit(sdl: string, limits: SchemaLimits = SCHEMA_LIMIT_DEFAULTS): LimitExceeded | null {
  const bytes = exceedsBytes(sdl, limits);
  if (bytes) return bytes;
  let document: DocumentNode;
  try {
    document = parse(sdl, { maxTokens: limits.maxTokens, noLocation: true });
  } catch (error) {
    return /Document contains more th\w* \d+ tokens/.test((error as Error).message) ? exceeded('maxTokens', limits.maxTokens, null, 'tokens') : null;
  }
  let types = 0;
  let fields = 0;
  for (const def of document.definitions) {
    if (def.kind === Kind.SCHEMA_DEFINITION || def.kind === Kind.SCHEMA_EXTENSION || def.kind === Kind.DIRECTIVE_DEFINITION) continue;
    if (!('name' in def)) continue;
    types += 1;
    if ('fields' in def) fields += def.fields?.length ?? 0;
    if ('values' in def) fields += def.values?.length ?? 0;
  }
  if (types > limits.maxTypes) return exceeded('maxTypes', limits.maxTypes, types, 'types');
  if (fields > limits.maxFields) return exceeded('maxFields', limits.maxFields, fields, 'fields');
  return null;
}
