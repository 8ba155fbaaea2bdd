/**
 * Plays the fault schedule (phases.ts) against two gateway replicas under steady mixed traffic and
 * measures, per phase: requests, failed requests (HTTP 5xx other than deliberate 503 shedding, or no
 * answer at all), p50/p99, legacy calls per request against the baseline phase, breaker openings; and
 * the memory of every process every `sampleMs`.
 */
import { getDataset } from '../legacy/common/dataset.ts';
import { legacyPolicySnapshots } from '../../subgraphs/runtime/transport/resilience/policy-registry.ts';
import { startChaosStack, residentMiB } from './chaos-stack.ts';
import { chaosPhases } from './phases.ts';
import { atRate, send, trafficMix, type Outcome } from './traffic.ts';

export interface ChaosOptions { phaseSeconds: number; rate: number; sampleMs: number; replicas: number; phases?: string[] }

export interface PhaseResult {
  phase: string;
  requests: number;
  failed: number;
  shed: number;
  lost: number;
  p50Ms: number;
  p99Ms: number;
  /** Legacy calls per request, and that divided by the baseline phase's. */
  legacyPerRequest: number;
  amplification: number;
  /** Breaker openings per system during the phase. */
  breakerOpenings: Record<string, number>;
  errorCodes: Record<string, number>;
}

export interface MemorySample { atSeconds: number; rssMiB: Record<string, number | null> }
export interface ChaosReport { options: ChaosOptions; phases: PhaseResult[]; memory: MemorySample[] }

/** The gateway's deliberate refusal under load (load shedding): not a failure. */
const SHED = (o: Outcome) => o.status === 503 && o.errorCodes.includes('OVERLOADED');
const percentile = (sorted: number[], p: number): number => sorted.length === 0 ? 0 : Math.round(sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] as number);
const openings = (): Record<string, number> => {
  const totals: Record<string, number> = {};
  for (const s of legacyPolicySnapshots()) totals[s.system] = (totals[s.system] ?? 0) + s.opened;
  return totals;
};

export async function runChaos(options: ChaosOptions, log: (line: string) => void = () => {}): Promise<ChaosReport> {
  const stack = await startChaosStack({ replicas: options.replicas });
  const started = performance.now();
  const memory: MemorySample[] = [];
  const sample = () => memory.push({
    atSeconds: Math.round((performance.now() - started) / 1000),
    rssMiB: Object.fromEntries([...stack.gateways.map((g, i) => [`gateway-${i + 1}`, residentMiB(g.pid)]), ['back ends', residentMiB(process.pid)]]),
  });
  sample();
  const sampler = setInterval(sample, options.sampleMs);
  const results: PhaseResult[] = [];
  try {
    const next = await trafficMix(getDataset(), stack.backends.idp);
    let replica = 0;
    // Warm-up, not measured: the first requests of a process pay for its lazy initialisation.
    for (const gateway of stack.gateways) await Promise.all(Array.from({ length: 20 }, () => send(gateway.url, next())));
    const phases = chaosPhases().filter((p) => !options.phases || options.phases.includes(p.name));
    for (const phase of phases) {
      log(`phase: ${phase.name}`);
      const outcomes: Outcome[] = [];
      const before = { legacy: sumOf(stack.backends.legacyCalls()), opened: openings() };
      let endPhase!: () => void;
      const over = new Promise<void>((resolve) => { endPhase = resolve; });
      const midway = new Promise<void>((resolve) => setTimeout(resolve, (options.phaseSeconds * 1000) / 2));
      setTimeout(endPhase, options.phaseSeconds * 1000);
      await phase.start(stack, midway);
      await atRate(options.rate, over, async () => {
        const gateway = stack.gateways[replica++ % stack.gateways.length]!;
        outcomes.push(await send(gateway.url, next()));
      });
      await midway;
      await phase.end(stack);
      const opened = openings();
      results.push(summarise(phase.name, outcomes, sumOf(stack.backends.legacyCalls()) - before.legacy, results[0]?.legacyPerRequest,
        Object.fromEntries(Object.keys(opened).map((s) => [s, (opened[s] ?? 0) - (before.opened[s] ?? 0)]).filter(([, n]) => (n as number) > 0))));
    }
  } finally {
    clearInterval(sampler);
    sample();
    await stack.stop();
  }
  return { options, phases: results, memory };
}

function summarise(phase: string, outcomes: Outcome[], legacyCalls: number, baseline: number | undefined, breakerOpenings: Record<string, number>): PhaseResult {
  const latencies = outcomes.map((o) => o.ms).sort((a, b) => a - b);
  const errorCodes: Record<string, number> = {};
  for (const o of outcomes) for (const code of new Set(o.errorCodes)) errorCodes[code] = (errorCodes[code] ?? 0) + 1;
  const legacyPerRequest = outcomes.length ? Math.round((legacyCalls / outcomes.length) * 100) / 100 : 0;
  return {
    phase,
    requests: outcomes.length,
    failed: outcomes.filter((o) => o.lost || (o.status >= 500 && !SHED(o))).length,
    shed: outcomes.filter(SHED).length,
    lost: outcomes.filter((o) => o.lost).length,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    legacyPerRequest,
    amplification: baseline ? Math.round((legacyPerRequest / baseline) * 100) / 100 : 1,
    breakerOpenings,
    errorCodes,
  };
}

const sumOf = (counts: Record<string, number>): number => Object.values(counts).reduce((a, b) => a + b, 0);
