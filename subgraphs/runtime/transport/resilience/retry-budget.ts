/**
 * A retry budget (Finagle's and Envoy's idea): retries may add at most `ratio` of the calls made over
 * the last `windowMs`, plus a small floor so that a quiet system can still retry once in a while. While a
 * system fails every call, its traffic grows by at most that ratio instead of multiplying by the number
 * of attempts. cockatiel has per-call retries only, hence this small counter of our own.
 */
export interface RetryBudgetOptions {
  /** Retries allowed per first attempt, over the window (0.1 = at most 10 % extra calls). */
  ratio: number;
  /** Retries always allowed per window, whatever the traffic. */
  minPerWindow: number;
  windowMs: number;
}

const BUCKETS = 10;

export class RetryBudget {
  private readonly calls = new Array<number>(BUCKETS).fill(0);
  private readonly retries = new Array<number>(BUCKETS).fill(0);
  private bucket = 0;
  private bucketStart: number;
  /** Retries refused because the budget was spent (for metrics and readiness). */
  refused = 0;

  constructor(private readonly options: RetryBudgetOptions, private readonly now: () => number = Date.now) {
    this.bucketStart = now();
  }

  /** Records a first attempt. */
  recordCall(): void {
    this.rotate();
    this.calls[this.bucket]! += 1;
  }

  /** Takes one retry from the budget; false when it is spent. */
  tryRetry(): boolean {
    this.rotate();
    const allowed = Math.max(this.options.minPerWindow, Math.floor(sum(this.calls) * this.options.ratio));
    if (sum(this.retries) >= allowed) {
      this.refused += 1;
      return false;
    }
    this.retries[this.bucket]! += 1;
    return true;
  }

  /** Retries spent over the current window. */
  spent(): number {
    this.rotate();
    return sum(this.retries);
  }

  private rotate(): void {
    const span = this.options.windowMs / BUCKETS;
    const now = this.now();
    let steps = Math.floor((now - this.bucketStart) / span);
    if (steps <= 0) return;
    this.bucketStart += steps * span;
    for (steps = Math.min(steps, BUCKETS); steps > 0; steps -= 1) {
      this.bucket = (this.bucket + 1) % BUCKETS;
      this.calls[this.bucket] = 0;
      this.retries[this.bucket] = 0;
    }
  }
}

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);
