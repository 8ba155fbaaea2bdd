import { describe, expect, it } from 'vitest';
import { loadPartyConfig, partyConfigFromEnv, PARTY_DEFAULTS } from './config.ts';

describe('party configuration', () => {
  it('defaults to the CRM stand-in and reads overrides', () => {
    expect(partyConfigFromEnv({})).toEqual(PARTY_DEFAULTS);
    expect(partyConfigFromEnv({ PASSERELLE_CRM_URL: 'http://127.0.0.1:6001', PASSERELLE_CRM_TIMEOUT_MS: '750' }))
      .toMatchObject({ crmUrl: 'http://127.0.0.1:6001', timeoutMs: 750 });
    expect(partyConfigFromEnv({ PASSERELLE_CRM_URL: 'http://127.0.0.1:6001' }, { crmUrl: 'http://127.0.0.1:7001/' }).crmUrl).toBe('http://127.0.0.1:7001');
  });

  it('refuses bad values and unknown keys, naming them, and freezes the result', () => {
    expect(() => partyConfigFromEnv({ PASSERELLE_CRM_TIMEOUT_MS: 'soon' })).toThrow(/PASSERELLE_CRM_TIMEOUT_MS/);
    expect(() => partyConfigFromEnv({ PASSERELLE_CRM_MAX_RESPONSE_BYTES: '0' })).toThrow(/PASSERELLE_CRM_MAX_RESPONSE_BYTES="0": must be a positive integer/);
    expect(() => partyConfigFromEnv({ PASSERELLE_CRM_URL: 'file:///etc/passwd' })).toThrow(/PASSERELLE_CRM_URL/);
    expect(() => loadPartyConfig({ crmURL: 'http://127.0.0.1:6001' } as never)).toThrow(/crmURL/);
    expect(Object.isFrozen(loadPartyConfig())).toBe(true);
  });
});
