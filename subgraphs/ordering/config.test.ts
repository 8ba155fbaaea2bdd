import { describe, expect, it } from 'vitest';
import { ORDERING_DEFAULTS, loadOrderingConfig, orderingConfigFromEnv } from './config.ts';

describe('ordering configuration', () => {
  it('defaults to the OMS stand-in and reads the environment, overrides winning', () => {
    expect(orderingConfigFromEnv({})).toEqual(ORDERING_DEFAULTS);
    expect(ORDERING_DEFAULTS.omsUrl).toBe('http://127.0.0.1:5003');
    expect(orderingConfigFromEnv({ PASSERELLE_OMS_URL: 'http://127.0.0.1:6000/', PASSERELLE_OMS_TIMEOUT_MS: '900' }))
      .toMatchObject({ omsUrl: 'http://127.0.0.1:6000', timeoutMs: 900 });
    expect(orderingConfigFromEnv({ PASSERELLE_OMS_URL: 'http://127.0.0.1:6000' }, { omsUrl: 'http://127.0.0.1:7000' }).omsUrl).toBe('http://127.0.0.1:7000');
  });

  it('refuses bad values and unknown keys, naming them, and freezes the result', () => {
    expect(() => orderingConfigFromEnv({ PASSERELLE_OMS_TIMEOUT_MS: 'soon' })).toThrow(/PASSERELLE_OMS_TIMEOUT_MS="soon": must be a positive integer/);
    expect(() => orderingConfigFromEnv({ PASSERELLE_OMS_MAX_RESPONSE_BYTES: '-5' })).toThrow(/PASSERELLE_OMS_MAX_RESPONSE_BYTES/);
    expect(() => orderingConfigFromEnv({ PASSERELLE_OMS_URL: 'not a url' })).toThrow(/PASSERELLE_OMS_URL/);
    expect(() => loadOrderingConfig({ timeoutMS: 900 } as never)).toThrow(/timeoutMS/);
    expect(Object.isFrozen(loadOrderingConfig())).toBe(true);
  });
});
