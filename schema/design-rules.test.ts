import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { printSupergraphApiSchema } from './composition/api-schema.ts';
import { composeSubgraphs } from './composition/compose.ts';
import { conflictingDescriptions, missingDescriptions } from './composition/design-rules.ts';
import { readSupergraphConfig } from './composition/supergraph-config.ts';

describe('design rules on the graph', () => {
  const result = composeSubgraphs(readSupergraphConfig(fileURLToPath(new URL('supergraph.yaml', import.meta.url))));
  const api = buildSchema(printSupergraphApiSchema(result.supergraphSdl ?? ''));

  it('every type, field, argument and enum value of the API schema is described', () => {
    expect(missingDescriptions(api).map((w) => w.coordinate)).toEqual([]);
  });

  it('no element is described differently by two subgraphs', () => {
    expect(conflictingDescriptions(result.hints)).toEqual([]);
  });

  it('keeps the cache-hint machinery out of the API schema', () => {
    expect(api.getType('CacheControlScope')).toBeUndefined();
  });
});

describe('the description rule', () => {
  it('names each undescribed type, field, argument and enum value, and exempts root types', () => {
    const schema = buildSchema(`
      type Query { "ok" thing(id: ID): Thing }
      "described" type Thing { size: Int }
      enum Mood { "ok" HAPPY SAD }
      scalar Decimal
    `);
    expect(missingDescriptions(schema).map((w) => w.coordinate).sort()).toEqual(['Decimal', 'Mood', 'Mood.SAD', 'Query.thing(id:)', 'Thing.size']);
  });

  it('turns inconsistent-description hints into warnings naming the element', () => {
    expect(conflictingDescriptions(['[INCONSISTENT_DESCRIPTION] Element "Customer.id" has inconsistent descriptions', '[UNUSED_ENUM_TYPE] x']))
      .toEqual([expect.objectContaining({ rule: 'description-once', coordinate: 'Customer.id' })]);
  });
});
