/** The load-shedding limits of the gateway's configuration (load-shedder.ts says what they mean). */
import { z } from 'zod';
import { LOAD_SHEDDING_DEFAULTS } from './load-shedder.ts';

export const loadSheddingConfigSchema = z.strictObject({
  maxInFlight: z.number().int().min(1).default(LOAD_SHEDDING_DEFAULTS.maxInFlight),
  /** 0 turns the event-loop check off (the in-flight limit stays). */
  maxEventLoopDelayMs: z.number().int().min(0).default(LOAD_SHEDDING_DEFAULTS.maxEventLoopDelayMs),
  retryAfterSeconds: z.number().int().min(1).max(3_600).default(LOAD_SHEDDING_DEFAULTS.retryAfterSeconds),
}).default({ ...LOAD_SHEDDING_DEFAULTS });
