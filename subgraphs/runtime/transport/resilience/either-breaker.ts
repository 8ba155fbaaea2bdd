/**
 * A breaker that opens on either signal, as Envoy's outlier detection does: N consecutive failures
 * (a system that just died is cut off within a handful of calls) or a failure rate over a sliding window
 * (a system failing half its calls under steady traffic). cockatiel ships both breakers but applies one
 * per policy; this composes them behind its IBreaker interface.
 */
import { ConsecutiveBreaker, SamplingBreaker, type CircuitState, type IBreaker } from 'cockatiel';

export interface EitherBreakerOptions {
  consecutiveFailures: number;
  /** Failure ratio (0-1) over the window that opens the breaker. */
  failureRate: number;
  windowMs: number;
  /** Below this many calls per second the rate is not judged (too few calls to mean anything). */
  minimumRps: number;
}

export class EitherBreaker implements IBreaker {
  private readonly consecutive: ConsecutiveBreaker;
  private readonly sampling: SamplingBreaker;

  constructor(options: EitherBreakerOptions) {
    this.consecutive = new ConsecutiveBreaker(options.consecutiveFailures);
    this.sampling = new SamplingBreaker({ threshold: options.failureRate, duration: options.windowMs, minimumRps: options.minimumRps });
  }

  get state(): unknown {
    return { consecutive: this.consecutive.state, sampling: this.sampling.state };
  }

  set state(value: unknown) {
    const saved = value as { consecutive: number; sampling: unknown };
    this.consecutive.state = saved.consecutive;
    this.sampling.state = saved.sampling;
  }

  success(state: CircuitState): void {
    this.consecutive.success();
    this.sampling.success(state);
  }

  failure(state: CircuitState): boolean {
    // Both must see every failure, so no short-circuit.
    const byCount = this.consecutive.failure();
    const byRate = this.sampling.failure(state);
    return byCount || byRate;
  }
}
