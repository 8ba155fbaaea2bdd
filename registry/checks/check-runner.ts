/**
 * Runs checks (composition included) in one worker thread, never on the registry's event loop, so that
 * /health, reads and supergraph polls stay answered while a large schema composes. One worker, one
 * check at a time, a short queue: concurrent checks cannot spawn unbounded threads or memory. Each check
 * has a time budget; past it the worker is terminated (a fresh one starts for the next check) and the
 * check fails with CHECK_TIMEOUT. Schemas over the size limits fail with SCHEMA_TOO_LARGE: bytes here,
 * before queueing; tokens, types and fields in the worker, before composing. The check of a publish is
 * urgent: it goes to the front of the queue and is never refused as busy, so that readers' checks cannot
 * hold a publish (and the store's publish lock) waiting.
 */
import { Worker } from 'node:worker_threads';
import { RegistryError } from '../service/registry-error.ts';
import type { CheckInput, CheckResult } from '../types.ts';
import type { CheckAnswer } from './check-worker.ts';
import { exceedsBytes, SCHEMA_LIMIT_DEFAULTS, type SchemaLimits } from './schema-limits.ts';

export const CHECK_RUNNER_DEFAULTS = Object.freeze({
  /** Time one check may take in the worker (the registry answers within the CLI's 60 s request timeout). */
  budgetMs: 30_000,
  /** Checks waiting behind the running one; more are refused with CHECK_BUSY. */
  maxQueued: 8,
  /** An idle worker is stopped after this long (it holds Apollo's composition in memory). */
  idleMs: 60_000,
  /** Heap of the worker: a schema that needs more fails instead of swelling the registry. */
  maxHeapMb: 1_024,
  retryAfterSeconds: 5,
});

export interface CheckRunnerOptions { budgetMs?: number; maxQueued?: number; idleMs?: number; limits?: Partial<SchemaLimits> }

interface Job { input: CheckInput; budgetMs: number; resolve: (r: CheckResult) => void; reject: (e: Error) => void }

const BOOT = new URL('./worker-boot.mjs', import.meta.url);
// Under tsx and vitest this module is check-runner.ts; compiled (dist/) it is check-runner.js, and so is
// the worker's entry beside it: the path literal is not an import, so tsc does not rewrite it.
const ENTRY = new URL(import.meta.url.endsWith('.ts') ? './check-worker.ts' : './check-worker.js', import.meta.url).href;

export class CheckRunner {
  readonly budgetMs: number;
  readonly limits: SchemaLimits;
  private readonly maxQueued: number;
  private readonly idleMs: number;
  private worker: Promise<Worker> | null = null;
  private readonly queue: Job[] = [];
  private running = false;
  private nextId = 1;
  private idleTimer: NodeJS.Timeout | null = null;
  /** Workers terminated past their budget (for tests and logs). */
  timeouts = 0;

  constructor(options: CheckRunnerOptions = {}) {
    this.budgetMs = options.budgetMs ?? CHECK_RUNNER_DEFAULTS.budgetMs;
    this.maxQueued = options.maxQueued ?? CHECK_RUNNER_DEFAULTS.maxQueued;
    this.idleMs = options.idleMs ?? CHECK_RUNNER_DEFAULTS.idleMs;
    this.limits = { ...SCHEMA_LIMIT_DEFAULTS, ...options.limits };
  }

  /** `budgetMs`: this check's own budget, when it differs from the runner's; `urgent`: a publish's check. */
  run(input: CheckInput, { budgetMs = this.budgetMs, urgent = false }: { budgetMs?: number; urgent?: boolean } = {}): Promise<CheckResult> {
    const bytes = exceedsBytes(input.candidate.sdl, this.limits);
    if (bytes) return Promise.reject(new RegistryError('SCHEMA_TOO_LARGE', bytes.message, { limit: bytes.limit, max: bytes.max }));
    if (!urgent && this.queue.length >= this.maxQueued) {
      return Promise.reject(new RegistryError('CHECK_BUSY', `${this.queue.length} checks are already waiting: try again shortly.`, {},
        { 'retry-after': String(CHECK_RUNNER_DEFAULTS.retryAfterSeconds) }));
    }
    return new Promise((resolve, reject) => {
      if (urgent) this.queue.unshift({ input, budgetMs, resolve, reject });
      else this.queue.push({ input, budgetMs, resolve, reject });
      void this.pump();
    });
  }

  async close(): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    for (const job of this.queue.splice(0)) job.reject(new RegistryError('CHECK_BUSY', 'The registry is stopping.'));
    const worker = this.worker;
    this.worker = null;
    if (worker) await (await worker.catch(() => null))?.terminate();
  }

  private start(): Promise<Worker> {
    const started = new Promise<Worker>((resolve, reject) => {
      const worker = new Worker(BOOT, { workerData: { entry: ENTRY, limits: this.limits }, resourceLimits: { maxOldGenerationSizeMb: CHECK_RUNNER_DEFAULTS.maxHeapMb } });
      worker.unref();
      worker.once('message', () => resolve(worker));
      worker.once('error', reject);
      worker.once('exit', (code) => {
        // A worker that died for any reason is never handed another check.
        if (this.worker === started) this.worker = null;
        reject(new Error(`The check worker exited (${code}) while starting.`));
      });
    });
    return started;
  }

  private async pump(): Promise<void> {
    if (this.running) return;
    const job = this.queue.shift();
    if (!job) return;
    this.running = true;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    try {
      this.worker ??= this.start();
      job.resolve(await this.runOn(await this.worker, job.input, job.budgetMs));
    } catch (error) {
      job.reject(error as Error);
    } finally {
      this.running = false;
      if (this.queue.length > 0) void this.pump();
      else this.idleTimer = setTimeout(() => void this.close(), this.idleMs).unref();
    }
  }

  /** One check on the worker; rejects (and drops the worker) past the budget or when the worker dies. */
  private runOn(worker: Worker, input: CheckInput, budgetMs: number): Promise<CheckResult> {
    const id = this.nextId++;
    return new Promise<CheckResult>((resolve, reject) => {
      const done = () => { clearTimeout(timer); worker.off('message', onMessage); worker.off('error', onError); worker.off('exit', onExit); };
      const drop = () => { if (this.worker) { this.worker = null; void worker.terminate(); } };
      const timer = setTimeout(() => {
        done(); drop(); this.timeouts += 1;
        reject(new RegistryError('CHECK_TIMEOUT', `Composing and checking this schema took longer than the budget of ${budgetMs} ms (budgetMs): it was stopped. Make the schema smaller.`, { limit: 'budgetMs', max: budgetMs }));
      }, budgetMs);
      const onError = (error: Error) => {
        done(); drop();
        const outOfMemory = (error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';
        reject(outOfMemory
          ? new RegistryError('SCHEMA_TOO_LARGE', `Checking this schema needs more than ${CHECK_RUNNER_DEFAULTS.maxHeapMb} MB (maxHeapMb).`, { limit: 'maxHeapMb', max: CHECK_RUNNER_DEFAULTS.maxHeapMb })
          : error);
      };
      const onMessage = (answer: CheckAnswer) => {
        if (answer.id !== id) return;
        done();
        if (answer.kind === 'result') resolve(answer.result);
        else if (answer.kind === 'too-large') reject(new RegistryError('SCHEMA_TOO_LARGE', answer.message, { limit: answer.limit, max: answer.max }));
        else reject(new Error(`The check failed: ${answer.message}`));
      };
      // A worker that exits without an error event (killed, process.exit) fails the check at once.
      const onExit = (code: number) => { done(); this.worker = null; reject(new Error(`The check worker exited (${code}) during a check.`)); };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage({ id, input });
    });
  }
}
