/**
 * Load shedding: when the gateway already holds `maxInFlight` requests, or its event loop lags by more
 * than `maxEventLoopDelayMs` (it is CPU-bound and every queued request would only wait longer), a new
 * request is refused at once with 503 OVERLOADED and `Retry-After`, instead of queueing until it times
 * out. Health and readiness are answered before this check and are never shed. The lag is how late a
 * timer due every SAMPLE_MS fires, the smallest of its last SUSTAINED_SAMPLES readings: a loop busy with
 * more work than it can do fires it late every time, while one long pause (a garbage collection, a
 * supergraph being composed) makes one late reading only and sheds nothing.
 */

export interface LoadSheddingOptions {
  maxInFlight: number;
  maxEventLoopDelayMs: number;
  /** What Retry-After says, in seconds. */
  retryAfterSeconds: number;
}

export const LOAD_SHEDDING_DEFAULTS: Readonly<LoadSheddingOptions> = Object.freeze({ maxInFlight: 1_000, maxEventLoopDelayMs: 500, retryAfterSeconds: 1 });
const SAMPLE_MS = 100;
const SUSTAINED_SAMPLES = 3;

export class LoadShedder {
  private inFlight = 0;
  private lagMs = 0;
  private readonly timer: NodeJS.Timeout;
  readonly shed = { inFlight: 0, eventLoopDelay: 0 };

  constructor(readonly options: LoadSheddingOptions) {
    let due = performance.now() + SAMPLE_MS;
    const recent: number[] = [];
    this.timer = setInterval(() => {
      const now = performance.now();
      recent.push(Math.max(0, now - due));
      if (recent.length > SUSTAINED_SAMPLES) recent.shift();
      this.lagMs = recent.length < SUSTAINED_SAMPLES ? 0 : Math.min(...recent);
      due = now + SAMPLE_MS;
    }, SAMPLE_MS);
    this.timer.unref();
  }

  /** Takes a slot, or returns why the request is shed. Call `release()` once for every admitted request. */
  admit(): 'admitted' | 'in-flight' | 'event-loop-delay' {
    if (this.inFlight >= this.options.maxInFlight) { this.shed.inFlight += 1; return 'in-flight'; }
    if (this.options.maxEventLoopDelayMs > 0 && this.lagMs > this.options.maxEventLoopDelayMs) { this.shed.eventLoopDelay += 1; return 'event-loop-delay'; }
    this.inFlight += 1;
    return 'admitted';
  }

  release(): void {
    this.inFlight -= 1;
  }

  state(): { inFlight: number; eventLoopDelayMs: number; shed: { inFlight: number; eventLoopDelay: number } } {
    return { inFlight: this.inFlight, eventLoopDelayMs: Math.round(this.lagMs), shed: { ...this.shed } };
  }

  close(): void {
    clearInterval(this.timer);
  }
}
