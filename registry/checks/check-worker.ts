/**
 * The composition worker's entry (started by check-runner.ts through worker-boot.mjs): measures the
 * candidate against the size limits, then runs every check. Composition is CPU-bound and synchronous:
 * here it can run for as long as it likes without taking a millisecond from the registry's event loop,
 * and the runner terminates this thread when it overruns its budget.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { CheckInput } from '../types.ts';
import { runChecks } from './run-checks.ts';
import { exceededLimit, type SchemaLimits } from './schema-limits.ts';

export interface CheckJob { id: number; input: CheckInput }
export type CheckAnswer =
  | { id: number; kind: 'result'; result: ReturnType<typeof runChecks> }
  | { id: number; kind: 'too-large'; message: string; limit: string; max: number }
  | { id: number; kind: 'failed'; message: string };

const port = parentPort;
if (!port) throw new Error('check-worker.ts runs in a worker thread only.');
const limits = (workerData as { limits: SchemaLimits }).limits;

port.on('message', ({ id, input }: CheckJob) => {
  let answer: CheckAnswer;
  try {
    const exceeded = exceededLimit(input.candidate.sdl, limits);
    answer = exceeded ? { id, kind: 'too-large', message: exceeded.message, limit: exceeded.limit, max: exceeded.max }
      : { id, kind: 'result', result: runChecks(input) };
  } catch (error) {
    answer = { id, kind: 'failed', message: (error as Error).message };
  }
  port.postMessage(answer);
});
port.postMessage('ready');
