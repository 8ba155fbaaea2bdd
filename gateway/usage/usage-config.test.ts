/** The gateway's `usage` settings: defaults, and the refusals (retention that shrinks, an unknown key). */
import { describe, expect, it } from 'vitest';
import { loadGatewayConfig } from '../config.ts';

const base = { supergraphFile: 'schema/supergraph.graphql' };

describe('usage configuration', () => {
  it('is on by default, flushed every 10 s, with minute/hour/day retention and no store until one is named', () => {
    const { usage } = loadGatewayConfig(base);
    expect(usage).toEqual({ enabled: true, flushIntervalMs: 10_000, retentionIntervalMs: 3_600_000, maxKeys: 50_000, retention: { minuteDays: 2, hourDays: 35, dayDays: 400 } });
  });

  it('refuses a retention that shrinks from minutes to days, and unknown keys', () => {
    expect(() => loadGatewayConfig({ ...base, usage: { retention: { minuteDays: 40, hourDays: 35, dayDays: 400 } } })).toThrow(/retention must grow/);
    expect(() => loadGatewayConfig({ ...base, usage: { flushEvery: 5 } as never })).toThrow(/usage/);
  });
});
