import { describe, expect, it } from 'vitest';
import { BILLING_DEFAULTS, loadBillingConfig, billingConfigFromEnv } from './config.ts';

describe('billing configuration', () => {
  it('defaults to the Billing stand-in and reads the environment, overrides winning', () => {
    expect(billingConfigFromEnv({})).toEqual(BILLING_DEFAULTS);
    expect(BILLING_DEFAULTS.billingUrl).toBe('http://127.0.0.1:5004');
    expect(billingConfigFromEnv({ PASSERELLE_BILLING_URL: 'http://127.0.0.1:6000/', PASSERELLE_BILLING_TIMEOUT_MS: '900' }))
      .toMatchObject({ billingUrl: 'http://127.0.0.1:6000', timeoutMs: 900 });
    expect(billingConfigFromEnv({ PASSERELLE_BILLING_URL: 'http://127.0.0.1:6000' }, { billingUrl: 'http://127.0.0.1:7000' }).billingUrl).toBe('http://127.0.0.1:7000');
  });

  it('refuses bad values and unknown keys, naming them, and freezes the result', () => {
    expect(() => billingConfigFromEnv({ PASSERELLE_BILLING_TIMEOUT_MS: 'soon' })).toThrow(/PASSERELLE_BILLING_TIMEOUT_MS="soon": must be a positive integer/);
    expect(() => billingConfigFromEnv({ PASSERELLE_BILLING_MAX_RESPONSE_BYTES: '-5' })).toThrow(/PASSERELLE_BILLING_MAX_RESPONSE_BYTES/);
    expect(() => billingConfigFromEnv({ PASSERELLE_BILLING_URL: 'not a url' })).toThrow(/PASSERELLE_BILLING_URL/);
    expect(() => loadBillingConfig({ timeoutMS: 900 } as never)).toThrow(/timeoutMS/);
    expect(Object.isFrozen(loadBillingConfig())).toBe(true);
  });
});
