import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadGatewayConfig } from '../config.ts';
import { LIMIT_DEFAULTS } from './limits-config.ts';

const load = (limits: unknown) => loadGatewayConfig({ supergraphFile: 'x', limits } as never).limits;

describe('operation limits configuration', () => {
  it('resolves the named defaults into a full, frozen set per channel', () => {
    const limits = loadGatewayConfig({ supergraphFile: 'x' }).limits;
    expect(limits.web).toEqual(LIMIT_DEFAULTS.default);
    expect(limits.mobile).toEqual({ ...LIMIT_DEFAULTS.default, ...LIMIT_DEFAULTS.channels.mobile });
    expect(limits.mobile.maxDepth).toBeLessThan(limits.agent.maxDepth);
    expect(Object.isFrozen(limits.mobile)).toBe(true);
  });

  it('lets the configured default beat the built-in values, and a configured channel beat both', () => {
    const limits = load({ default: { maxDepth: 6, maxCost: 500 }, channels: { agent: { maxCost: 9_000 } } });
    expect(limits.mobile).toMatchObject({ maxDepth: 6, maxCost: 500, maxTokens: LIMIT_DEFAULTS.channels.mobile.maxTokens });
    expect(limits.agent).toMatchObject({ maxDepth: 6, maxCost: 9_000 });
    expect(limits.web.maxAliases).toBe(LIMIT_DEFAULTS.default.maxAliases);
  });

  it('refuses unknown keys and channels, and out-of-range values, naming the path', () => {
    expect(() => load({ default: { maxDepht: 3 } })).toThrow(/maxDepht/);
    expect(() => load({ channels: { tv: { maxDepth: 3 } } })).toThrow(/tv/);
    expect(() => load({ perChannel: {} })).toThrow(ConfigError);
    expect(() => load({ channels: { mobile: { maxDepth: 0 } } })).toThrow(/limits\.channels\.mobile\.maxDepth/);
    expect(() => load({ default: { maxCost: 1.5 } })).toThrow(/limits\.default\.maxCost/);
  });

  it('are documented in docs/security.md\'s limits table exactly as resolved', () => {
    const page = readFileSync(new URL('../../docs/security.md', import.meta.url), 'utf8');
    const section = page.split(/^## Operation limits per channel$/m)[1]?.split(/^#{2,3} /m)[0] ?? '';
    const rows = [...section.matchAll(/^\| `(\w+)` \| [^|]+ \| (\d+) \| (\d+) \| (\d+) \| (\d+) \|$/gm)];
    const resolved = loadGatewayConfig({ supergraphFile: 'x' }).limits;
    const expected = Object.keys(LIMIT_DEFAULTS.default).map((name) => [name, ...(['mobile', 'web', 'partner', 'agent'] as const).map((c) => resolved[c][name as keyof typeof resolved.web])]);
    expect(rows.map((m) => [m[1], ...m.slice(2, 6).map(Number)])).toEqual(expected);
  });
});
