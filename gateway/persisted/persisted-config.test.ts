import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadGatewayConfig } from '../config.ts';
import { loadChannelManifests } from './load-manifests.ts';
import { MANIFEST_FORMAT, ManifestError, operationId } from '../../contracts/manifest-format.ts';
import { APQ_DEFAULTS } from './apq-registrations.ts';
import { PERSISTED_DEFAULTS, resolveChannelModes } from './persisted-config.ts';

const config = (persistedOperations: object, production = false) => loadGatewayConfig({ supergraphFile: 'x.graphql', production, persistedOperations } as Parameters<typeof loadGatewayConfig>[0]);

describe('persisted operations configuration', () => {
  it('defaults: persisted-only for mobile and partner in production, APQ everywhere else', () => {
    const production = config({}, true);
    expect(resolveChannelModes(production.persistedOperations, true)).toEqual({ mobile: 'persisted-only', web: 'apq', partner: 'persisted-only', agent: 'apq' });
    expect(resolveChannelModes(config({}).persistedOperations, false)).toEqual({ mobile: 'apq', web: 'apq', partner: 'apq', agent: 'apq' });
    expect(production.persistedOperations).toEqual({ manifests: {}, modes: {}, apqTtlSeconds: PERSISTED_DEFAULTS.apqTtlSeconds, apqMaxBytes: APQ_DEFAULTS.maxBytes, apqRegistrationsPerMinute: APQ_DEFAULTS.registrationsPerMinute });
  });

  it('takes a mode per channel over the defaults, in any posture', () => {
    const modes = { partner: 'documents', web: 'persisted-only' } as const;
    expect(resolveChannelModes(config({ modes }, true).persistedOperations, true)).toEqual({ mobile: 'persisted-only', web: 'persisted-only', partner: 'documents', agent: 'apq' });
  });

  it('refuses unknown channels, modes and keys', () => {
    expect(() => config({ modes: { kiosk: 'apq' } })).toThrow(ConfigError);
    expect(() => config({ modes: { web: 'whatever' } })).toThrow(/persistedOperations\.modes\.web/);
    expect(() => config({ manifest: {} })).toThrow(ConfigError);
    expect(() => config({ apqTtlSeconds: 0 })).toThrow(/apqTtlSeconds/);
  });
});

describe('loading manifests', () => {
  const dir = mkdtempSync(join(tmpdir(), 'passerelle-manifests-'));
  const write = (name: string, operations: object[]) => {
    const path = join(dir, name);
    writeFileSync(path, JSON.stringify({ format: MANIFEST_FORMAT, version: 1, operations }));
    return path;
  };
  const body = 'query Hello {\n  hello\n}';

  it('maps each channel\'s ids to bodies, and leaves other channels empty', () => {
    const manifests = loadChannelManifests({ mobile: write('ok.json', [{ id: operationId(body), name: 'Hello', type: 'query', body }]) });
    expect(manifests.mobile.get(operationId(body))).toBe(body);
    expect(manifests.web.size).toBe(0);
  });

  it('refuses an id that is not the hash of its body, a wrong format and a missing file, naming the file', () => {
    const stale = write('stale.json', [{ id: operationId('{ other }'), name: 'Hello', type: 'query', body }]);
    expect(() => loadChannelManifests({ web: stale })).toThrow(/stale\.json: the id of Hello is not the SHA-256 of its body/);
    const path = join(dir, 'wrong.json');
    writeFileSync(path, JSON.stringify({ format: 'relay', version: 1, operations: [] }));
    expect(() => loadChannelManifests({ web: path })).toThrow(ManifestError);
    expect(() => loadChannelManifests({ agent: join(dir, 'missing.json') })).toThrow(/agent channel.*missing\.json/);
  });
});
