import { describe, expect, it } from 'vitest';
import { ConfigError, GATEWAY_DEFAULTS, loadGatewayConfig } from './config.ts';

describe('gateway configuration', () => {
  it('fills named defaults and freezes the result', () => {
    const config = loadGatewayConfig({ supergraphFile: 'schema/supergraph.graphql' });
    expect(config.port).toBe(GATEWAY_DEFAULTS.port);
    expect(config.maxBodyBytes).toBe(2 * 1024 * 1024);
    expect(config.defaultChannel).toBe('web');
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.cache)).toBe(true);
    expect(() => { (config as { port: number }).port = 1; }).toThrow(TypeError);
  });

  it('refuses unknown keys, at the top and nested, naming them', () => {
    expect(() => loadGatewayConfig({ supergraphFile: 'x', prot: 4000 } as never)).toThrow(/prot/);
    expect(() => loadGatewayConfig({ supergraphFile: 'x', cache: { redisURL: 'redis://x' } } as never)).toThrow(ConfigError);
  });

  it('refuses invalid values with the path of the key', () => {
    expect(() => loadGatewayConfig({ supergraphFile: 'x', port: 70_000 })).toThrow(/port/);
    expect(() => loadGatewayConfig({ supergraphFile: 'x', clients: { app: { channel: 'tv' as never } } })).toThrow(/clients\.app\.channel/);
    expect(() => loadGatewayConfig({ supergraphFile: 'x', subgraphUrls: { party: 'not a url' } })).toThrow(/subgraphUrls/);
  });

  it('needs exactly one JWKS source when auth is configured', () => {
    expect(() => loadGatewayConfig({ supergraphFile: 'x', auth: { issuer: 'i', audience: 'a' } })).toThrow(/exactly one/);
    const config = loadGatewayConfig({ supergraphFile: 'x', auth: { issuer: 'i', audience: 'a', jwksUrl: 'http://127.0.0.1:1/jwks.json' } });
    expect(config.auth?.algorithms).toEqual(['RS256', 'ES256']);
  });
});
