import { composeServices } from '@apollo/composition';
import { Kind, type DocumentNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { loadSchema } from '../runtime/load-schema.ts';
import { partyConfigFromEnv, PARTY_DEFAULTS } from './index.ts';

const typeDefs: DocumentNode = loadSchema(new URL('./index.ts', import.meta.url).href);

describe('party schema', () => {
  it('composes alone into a supergraph', () => {
    const result = composeServices([{ name: 'party', typeDefs }]);
    expect(result.errors?.map((e) => e.message)).toBeUndefined();
    expect(result.supergraphSdl).toContain('type Customer');
  });

  it('describes every type, field, argument and enum value', () => {
    const missing: string[] = [];
    for (const def of typeDefs.definitions) {
      if (def.kind === Kind.SCHEMA_EXTENSION || def.kind === Kind.DIRECTIVE_DEFINITION) continue;
      if (!('name' in def) || !def.name) continue;
      if (!('description' in def) || !def.description) missing.push(def.name.value);
      const members = [...('fields' in def ? def.fields ?? [] : []), ...('values' in def ? def.values ?? [] : [])];
      for (const member of members) {
        if (!member.description) missing.push(`${def.name.value}.${member.name.value}`);
        for (const arg of 'arguments' in member ? member.arguments ?? [] : []) if (!arg.description) missing.push(`${def.name.value}.${member.name.value}(${arg.name.value})`);
      }
    }
    expect(missing).toEqual([]);
  });
});

describe('partyConfigFromEnv', () => {
  it('defaults to the CRM stand-in and reads overrides', () => {
    expect(partyConfigFromEnv({})).toEqual(PARTY_DEFAULTS);
    expect(partyConfigFromEnv({ PASSERELLE_CRM_URL: 'http://127.0.0.1:6001', PASSERELLE_CRM_TIMEOUT_MS: '750' }))
      .toMatchObject({ crmUrl: 'http://127.0.0.1:6001', timeoutMs: 750 });
    expect(() => partyConfigFromEnv({ PASSERELLE_CRM_TIMEOUT_MS: 'soon' })).toThrow(/PASSERELLE_CRM_TIMEOUT_MS/);
  });
});
