import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadGatewayConfig, type GatewayConfigInput } from '../config.ts';
import { identifyClient, type VerifiedCaller } from './client-identity.ts';

const clients: GatewayConfigInput['clients'] = {
  'passerelle-mobile': { channel: 'mobile', kind: 'public', versions: ['1.x', '>=2.1.0'] },
  'passerelle-web': { channel: 'web', kind: 'public' },
  'partner-portal': { channel: 'partner', kind: 'confidential', roles: ['partner'], versions: ['>=1.0.0'] },
  'agent-desk': { channel: 'agent', kind: 'confidential', roles: ['agent'] },
};
const development = loadGatewayConfig({ supergraphFile: 'x', clients });
const production = loadGatewayConfig({ supergraphFile: 'x', clients, production: true });

const anonymous: VerifiedCaller = { role: 'anonymous', client: null };
const customerOf = (client: string | null): VerifiedCaller => ({ role: 'customer', client });
const agentOf = (client: string | null): VerifiedCaller => ({ role: 'agent', client });
const header = (name?: string, version?: string) => ({ name, version });

const extensionsOf = (fn: () => unknown): unknown => {
  try { fn(); } catch (error) { return (error as { extensions: Record<string, unknown> }).extensions; }
  return null;
};
const REFUSED = { code: 'CLIENT_NOT_ALLOWED', http: { status: 403 } };
/** What an unregistered caller gets in development: the default channel, no client. */
const UNREGISTERED = { client: null, channel: 'web' };

describe('client identification: public apps by header', () => {
  it('maps a public client named in the header to its channel', () => {
    expect(identifyClient(header('passerelle-mobile', '2.1.0'), anonymous, development)).toEqual({ client: { name: 'passerelle-mobile', version: '2.1.0' }, channel: 'mobile' });
    expect(identifyClient(header('passerelle-web'), customerOf(null), production)).toEqual({ client: { name: 'passerelle-web', version: '' }, channel: 'web' });
  });

  it('in development, puts unknown and anonymous clients on the default channel', () => {
    expect(identifyClient(header('curl'), anonymous, development)).toEqual({ client: { name: 'curl', version: '' }, channel: 'web' });
    expect(identifyClient(header(), anonymous, development)).toEqual(UNREGISTERED);
    expect(identifyClient(header('constructor', '1'), anonymous, development).channel).toBe('web');
  });

  it('ignores names with unsafe characters', () => {
    expect(identifyClient(header('a\nb<script>', '1'), anonymous, development).client).toBeNull();
  });

  it('in production, refuses unknown, unnamed and unsafe clients with 403 CLIENT_NOT_ALLOWED', () => {
    for (const name of ['curl', undefined, '', 'a<b', 'constructor']) {
      expect(extensionsOf(() => identifyClient(header(name, '1.0.0'), anonymous, production)), String(name)).toEqual(REFUSED);
    }
  });

  it('refuses versions a registered client does not allow, in any posture, naming the accepted ones', () => {
    for (const config of [development, production]) {
      for (const version of ['2.0.9', '0.9.0', '2.1.0-beta.1', undefined, '', 'latest', '1.0.0<script>']) {
        expect(extensionsOf(() => identifyClient(header('passerelle-mobile', version), anonymous, config))).toEqual(REFUSED);
      }
      for (const version of ['1.0.0', '1.9.3', '2.1.0', '3.0.0', '2.1.0+417']) {
        expect(identifyClient(header('passerelle-mobile', version), anonymous, config).channel).toBe('mobile');
      }
    }
    expect(() => identifyClient(header('passerelle-mobile', '2.0.0'), anonymous, production)).toThrow(/passerelle-mobile is not accepted \(accepted versions: 1\.x, >=2\.1\.0\)/);
  });
});

describe('client identification: privileged channels from verified tokens only', () => {
  it('an anonymous caller naming the agent desk gets the unregistered caller\'s channel in development, 403 in production', () => {
    expect(identifyClient(header('agent-desk', '1.0.0'), anonymous, development)).toEqual(UNREGISTERED);
    expect(identifyClient(header('partner-portal', '1.0.0'), anonymous, development)).toEqual(UNREGISTERED);
    expect(extensionsOf(() => identifyClient(header('agent-desk', '1.0.0'), anonymous, production))).toEqual(REFUSED);
    expect(() => identifyClient(header('agent-desk'), anonymous, production)).toThrow(/agent-desk is served only with a token issued to it/);
  });

  it('a customer token (of the web app, or naming no client) with the agent desk\'s header: likewise', () => {
    for (const customer of [customerOf('passerelle-web'), customerOf(null)]) {
      expect(identifyClient(header('agent-desk', '1.0.0'), customer, development)).toEqual(UNREGISTERED);
      expect(extensionsOf(() => identifyClient(header('agent-desk', '1.0.0'), customer, production))).toEqual(REFUSED);
    }
  });

  it('an agent token issued to the agent desk gets the agent channel, with or without the header, in any posture', () => {
    for (const config of [development, production]) {
      expect(identifyClient(header('agent-desk', '3.2.0'), agentOf('agent-desk'), config)).toEqual({ client: { name: 'agent-desk', version: '3.2.0' }, channel: 'agent' });
      expect(identifyClient(header(), agentOf('agent-desk'), config)).toEqual({ client: { name: 'agent-desk', version: '' }, channel: 'agent' });
    }
  });

  it('a partner token issued to the portal gets the partner channel; its versions are checked when it declares one', () => {
    const partner: VerifiedCaller = { role: 'partner', client: 'partner-portal' };
    expect(identifyClient(header(), partner, production).channel).toBe('partner');
    expect(identifyClient(header('partner-portal', '1.4.0'), partner, production).channel).toBe('partner');
    expect(extensionsOf(() => identifyClient(header('partner-portal'), partner, production))).toEqual(REFUSED);
    expect(extensionsOf(() => identifyClient(header(undefined, '0.9.0'), partner, development))).toEqual(REFUSED);
  });

  it('production refuses a declared client that contradicts the token\'s; development judges the header alone', () => {
    expect(() => identifyClient(header('passerelle-web', '1.0.0'), agentOf('agent-desk'), production)).toThrow(/another client than the one the token was issued to/);
    expect(extensionsOf(() => identifyClient(header('passerelle-mobile', '2.1.0'), customerOf('passerelle-web'), production))).toEqual(REFUSED);
    expect(identifyClient(header('passerelle-web', '1.0.0'), agentOf('agent-desk'), development)).toEqual({ client: { name: 'passerelle-web', version: '1.0.0' }, channel: 'web' });
    expect(identifyClient(header('agent-desk'), agentOf('passerelle-web'), development)).toEqual(UNREGISTERED);
  });

  it('a token issued to a client serving other roles does not open its channel: a customer of the agent desk is no agent', () => {
    for (const h of [header('agent-desk'), header()]) {
      expect(identifyClient(h, customerOf('agent-desk'), development)).toEqual(UNREGISTERED);
      expect(extensionsOf(() => identifyClient(h, customerOf('agent-desk'), production))).toEqual(REFUSED);
    }
    expect(() => identifyClient(header(), { role: 'partner', client: 'agent-desk' }, production)).toThrow(/agent-desk does not serve partner users/);
  });

  it('a token issued to a public app puts its caller on that app\'s channel; to an unregistered client, on the default one (development)', () => {
    expect(identifyClient(header(), customerOf('passerelle-mobile'), production)).toEqual({ client: { name: 'passerelle-mobile', version: '' }, channel: 'mobile' });
    expect(identifyClient(header(), customerOf('some-tool'), development)).toEqual({ client: { name: 'some-tool', version: '' }, channel: 'web' });
    expect(extensionsOf(() => identifyClient(header(), customerOf('some-tool'), production))).toEqual(REFUSED);
    expect(identifyClient(header(), customerOf('bad<name>'), development)).toEqual(UNREGISTERED);
  });
});

describe('registered clients configuration', () => {
  it('defaults the kind from the channel, and refuses public clients on privileged channels', () => {
    const config = loadGatewayConfig({ supergraphFile: 'x', clients: { app: { channel: 'mobile' }, desk: { channel: 'agent' }, bff: { channel: 'web', kind: 'confidential' } } });
    expect([config.clients['app']?.kind, config.clients['desk']?.kind, config.clients['bff']?.kind]).toEqual(['public', 'confidential', 'confidential']);
    for (const channel of ['agent', 'partner'] as const) {
      expect(() => loadGatewayConfig({ supergraphFile: 'x', clients: { desk: { channel, kind: 'public' } } })).toThrow(/clients\.desk\.kind/);
    }
    expect(() => loadGatewayConfig({ supergraphFile: 'x', clients: { desk: { channel: 'agent', roles: ['root' as never] } } })).toThrow(/clients\.desk\.roles/);
    expect(() => loadGatewayConfig({ supergraphFile: 'x', defaultChannel: 'agent' as never })).toThrow(/defaultChannel/);
  });

  it('clients/clients.json marks the apps public and the partner portal and agent desk confidential, for their roles', () => {
    const registered = loadGatewayConfig({ supergraphFile: 'x', clients: JSON.parse(readFileSync(new URL('../../clients/clients.json', import.meta.url), 'utf8')) }).clients;
    expect(Object.fromEntries(Object.entries(registered).map(([name, c]) => [name, [c.channel, c.kind, c.roles ?? 'any']]))).toEqual({
      'passerelle-mobile': ['mobile', 'public', 'any'],
      'passerelle-web': ['web', 'public', 'any'],
      'partner-portal': ['partner', 'confidential', ['partner']],
      'agent-desk': ['agent', 'confidential', ['agent']],
    });
  });
});
