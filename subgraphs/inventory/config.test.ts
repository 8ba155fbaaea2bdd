import { describe, expect, it } from 'vitest';
import { INVENTORY_DEFAULTS, loadInventoryConfig, inventoryConfigFromEnv } from './config.ts';

describe('inventory configuration', () => {
  it('defaults to the ERP stand-in and reads the environment, overrides winning', () => {
    expect(inventoryConfigFromEnv({})).toEqual(INVENTORY_DEFAULTS);
    expect(INVENTORY_DEFAULTS.erpUrl).toBe('http://127.0.0.1:5005');
    expect(inventoryConfigFromEnv({ PASSERELLE_ERP_URL: 'http://127.0.0.1:6000/', PASSERELLE_ERP_TIMEOUT_MS: '900' }))
      .toMatchObject({ erpUrl: 'http://127.0.0.1:6000', timeoutMs: 900 });
    expect(inventoryConfigFromEnv({ PASSERELLE_ERP_URL: 'http://127.0.0.1:6000' }, { erpUrl: 'http://127.0.0.1:7000' }).erpUrl).toBe('http://127.0.0.1:7000');
  });

  it('refuses bad values and unknown keys, naming them, and freezes the result', () => {
    expect(() => inventoryConfigFromEnv({ PASSERELLE_ERP_TIMEOUT_MS: 'soon' })).toThrow(/PASSERELLE_ERP_TIMEOUT_MS="soon": must be a positive integer/);
    expect(() => inventoryConfigFromEnv({ PASSERELLE_ERP_MAX_RESPONSE_BYTES: '-5' })).toThrow(/PASSERELLE_ERP_MAX_RESPONSE_BYTES/);
    expect(() => inventoryConfigFromEnv({ PASSERELLE_ERP_URL: 'not a url' })).toThrow(/PASSERELLE_ERP_URL/);
    expect(() => loadInventoryConfig({ timeoutMS: 900 } as never)).toThrow(/timeoutMS/);
    expect(Object.isFrozen(loadInventoryConfig())).toBe(true);
  });
});
