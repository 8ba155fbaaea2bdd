import { readFileSync } from 'node:fs';
import { buildSchema, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { printSupergraphApiSchema } from '../schema/composition/api-schema.ts';
import { loadClientOperations } from './operations.ts';

const operations = loadClientOperations();
const apiSchema = buildSchema(printSupergraphApiSchema(readFileSync(new URL('../schema/supergraph.graphql', import.meta.url), 'utf8')));

describe('client operations', () => {
  it('exist for the mobile, partner and web channels, one named operation per file, names unique', () => {
    expect(new Set(operations.map((o) => o.channel))).toEqual(new Set(['mobile', 'partner', 'web']));
    for (const op of operations) expect(op.document.definitions.filter((d) => d.kind === 'OperationDefinition')).toHaveLength(1);
    const names = operations.map((o) => o.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it.each(operations.map((o) => [o.file, o] as const))('%s validates against the supergraph', (_file, op) => {
    expect(validate(apiSchema, op.document).map((e) => e.message)).toEqual([]);
  });
});
