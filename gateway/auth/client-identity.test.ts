import { describe, expect, it } from 'vitest';
import { identifyClient } from './client-identity.ts';

const clients = {
  'passerelle-mobile': { channel: 'mobile' as const, versions: ['1.x', '>=2.1.0'] },
  'agent-desk': { channel: 'agent' as const },
};
const development = { clients, defaultChannel: 'web' as const, production: false };
const production = { ...development, production: true };

const codeOf = (fn: () => unknown): unknown => {
  try { fn(); } catch (error) { return (error as { extensions: Record<string, unknown> }).extensions; }
  return null;
};

describe('client identification', () => {
  it('maps a registered client to its channel', () => {
    expect(identifyClient({ name: 'passerelle-mobile', version: '2.1.0' }, development)).toEqual({ client: { name: 'passerelle-mobile', version: '2.1.0' }, channel: 'mobile' });
    expect(identifyClient({ name: 'agent-desk', version: undefined }, production)).toEqual({ client: { name: 'agent-desk', version: '' }, channel: 'agent' });
  });

  it('in development, puts unknown and anonymous clients on the default channel', () => {
    expect(identifyClient({ name: 'curl', version: undefined }, development)).toEqual({ client: { name: 'curl', version: '' }, channel: 'web' });
    expect(identifyClient({ name: undefined, version: undefined }, development)).toEqual({ client: null, channel: 'web' });
    expect(identifyClient({ name: 'constructor', version: '1' }, development).channel).toBe('web');
  });

  it('ignores names with unsafe characters', () => {
    expect(identifyClient({ name: 'a\nb<script>', version: '1' }, development).client).toBeNull();
  });

  it('in production, refuses unknown, unnamed and unsafe clients with 403 CLIENT_NOT_ALLOWED', () => {
    for (const name of ['curl', undefined, '', 'a<b', 'constructor']) {
      expect(codeOf(() => identifyClient({ name, version: '1.0.0' }, production))).toEqual({ code: 'CLIENT_NOT_ALLOWED', http: { status: 403 } });
    }
  });

  it('refuses versions a registered client does not allow, in any posture, naming the accepted ones', () => {
    for (const config of [development, production]) {
      for (const version of ['2.0.9', '0.9.0', '2.1.0-beta.1', undefined, '', 'latest', '1.0.0<script>']) {
        expect(codeOf(() => identifyClient({ name: 'passerelle-mobile', version }, config))).toEqual({ code: 'CLIENT_NOT_ALLOWED', http: { status: 403 } });
      }
      for (const version of ['1.0.0', '1.9.3', '2.1.0', '3.0.0', '2.1.0+417']) {
        expect(identifyClient({ name: 'passerelle-mobile', version }, config).channel).toBe('mobile');
      }
    }
    expect(() => identifyClient({ name: 'passerelle-mobile', version: '2.0.0' }, production)).toThrow(/passerelle-mobile is not accepted \(accepted versions: 1\.x, >=2\.1\.0\)/);
  });
});
