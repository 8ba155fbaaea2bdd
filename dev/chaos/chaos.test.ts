/**
 * The chaos run's short version: a few phases of a few seconds against two real gateway processes. What
 * it asserts holds whatever the machine's speed: no request is lost, none fails with a 5xx other than
 * deliberate shedding, each phase is measured and every process's memory is sampled.
 */
import { describe, expect, it } from 'vitest';
import { runChaos } from './run-chaos.ts';

describe('chaos run (short)', () => {
  it('keeps answering through a hanging Billing, a Redis outage and a schema publish', async () => {
    const phases = ['baseline', 'billing hangs', 'redis stops, comes back', 'schema published', 'recovered'];
    const report = await runChaos({ phaseSeconds: 3, rate: 8, sampleMs: 2_000, replicas: 2, phases });
    expect(report.phases.map((p) => p.phase)).toEqual(phases);
    for (const phase of report.phases) {
      expect(phase.requests, phase.phase).toBeGreaterThan(0);
      expect(phase.lost, phase.phase).toBe(0);
      expect(phase.failed, phase.phase).toBe(0);
    }
    // Billing's fields failed with coded errors while it hung, and nothing else did.
    expect(Object.keys(report.phases[1]!.errorCodes).every((code) => code.startsWith('UPSTREAM_') || code === 'DEADLINE_EXCEEDED')).toBe(true);
    expect(report.memory.length).toBeGreaterThanOrEqual(2);
    for (const name of ['gateway-1', 'gateway-2', 'back ends']) expect(report.memory[0]!.rssMiB[name]).toBeGreaterThan(0);
  }, 120_000);
});
