import { describe, expect, it } from 'vitest';
import { identifyClient } from './client-identity.ts';

const config = { clients: { 'passerelle-mobile': { channel: 'mobile' as const } }, defaultChannel: 'web' as const };

describe('client identification', () => {
  it('maps a registered client to its channel', () => {
    expect(identifyClient({ name: 'passerelle-mobile', version: '2.1.0' }, config)).toEqual({ client: { name: 'passerelle-mobile', version: '2.1.0' }, channel: 'mobile' });
  });
  it('puts unknown and anonymous clients on the default channel', () => {
    expect(identifyClient({ name: 'curl', version: undefined }, config)).toEqual({ client: { name: 'curl', version: '' }, channel: 'web' });
    expect(identifyClient({ name: undefined, version: undefined }, config)).toEqual({ client: null, channel: 'web' });
  });
  it('ignores names with unsafe characters', () => {
    expect(identifyClient({ name: 'a\nb<script>', version: '1' }, config).client).toBeNull();
  });
});
