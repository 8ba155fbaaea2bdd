import { describe, expect, it } from 'vitest';
import { partyConfigFromEnv, PARTY_DEFAULTS } from './index.ts';

describe('partyConfigFromEnv', () => {
  it('defaults to the CRM stand-in and reads overrides', () => {
    expect(partyConfigFromEnv({})).toEqual(PARTY_DEFAULTS);
    expect(partyConfigFromEnv({ PASSERELLE_CRM_URL: 'http://127.0.0.1:6001', PASSERELLE_CRM_TIMEOUT_MS: '750' }))
      .toMatchObject({ crmUrl: 'http://127.0.0.1:6001', timeoutMs: 750 });
    expect(() => partyConfigFromEnv({ PASSERELLE_CRM_TIMEOUT_MS: 'soon' })).toThrow(/PASSERELLE_CRM_TIMEOUT_MS/);
  });
});
