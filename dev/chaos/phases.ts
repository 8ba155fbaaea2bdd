/**
 * The fault schedule of a chaos run, in order: a baseline, then each legacy system in turn hangs, fails
 * half its calls and slows down; a subgraph is killed and restarted; Redis stops and comes back; a
 * schema is published; and a last quiet phase shows what recovered. Each fault is undone at the end of
 * its phase (a hung request stays hung, as on a dead back end, until the caller's timeout cuts it).
 */
import { readFileSync } from 'node:fs';
import type { LegacySystem } from '../../subgraphs/registry.ts';
import type { ChaosStack } from './chaos-stack.ts';

export interface Phase {
  name: string;
  /** Applies the fault; `midway` resolves at half the phase (for kill-then-restart faults). */
  start(stack: ChaosStack, midway: Promise<void>): Promise<void>;
  end(stack: ChaosStack): Promise<void>;
}

const SYSTEMS: readonly LegacySystem[] = ['crm', 'catalogue', 'oms', 'billing', 'erp'];
const quiet = async (): Promise<void> => {};

const knob = (system: LegacySystem, name: string, patch: Record<string, unknown>): Phase => ({
  name: `${system} ${name}`,
  start: async (stack) => { stack.backends.legacy[system].setKnobs(patch); },
  end: async (stack) => { stack.backends.legacy[system].setKnobs({ hang: false, errorRate: 0, latencyMs: 0, jitterMs: 0 }); },
});

export function chaosPhases(): Phase[] {
  return [
    { name: 'baseline', start: quiet, end: quiet },
    ...SYSTEMS.flatMap((system) => [
      knob(system, 'hangs', { hang: true }),
      knob(system, 'fails 50 %', { errorRate: 0.5 }),
      knob(system, 'slow (+800 ms)', { latencyMs: 800, jitterMs: 200 }),
    ]),
    {
      name: 'billing subgraph killed, restarted',
      start: async (stack, midway) => {
        await stack.killSubgraph('billing');
        void midway.then(() => stack.restartSubgraph('billing'));
      },
      end: quiet,
    },
    {
      name: 'redis stops, comes back',
      start: async (stack, midway) => {
        await stack.redis.stop();
        void midway.then(() => stack.redis.start());
      },
      end: quiet,
    },
    {
      name: 'schema published',
      // A new party version at another routing URL the same server answers: every gateway swaps supergraphs.
      start: async (stack) => {
        const sdl = readFileSync(new URL('../../subgraphs/party/schema.graphql', import.meta.url), 'utf8');
        const res = await fetch(`${stack.registry.url}/subgraphs/party/publish`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${stack.registry.devTokens?.['dev-party']}` },
          body: JSON.stringify({ sdl, routingUrl: new URL('graphql', stack.subgraph('party').url).href }),
        });
        if (!res.ok) throw new Error(`publishing party failed: HTTP ${res.status} ${await res.text()}`);
      },
      end: quiet,
    },
    { name: 'recovered', start: quiet, end: quiet },
  ];
}
