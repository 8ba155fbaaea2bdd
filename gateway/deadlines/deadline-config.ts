/**
 * How long each channel's requests may take, end to end: a mobile screen is worth less after 3 s, a
 * partner's batch integration can wait longer. The remaining budget travels to every subgraph in its
 * signed internal token; subgraphs cap each legacy call to it and start none after it.
 */
import { z } from 'zod';
import { CHANNELS, type Channel } from '../../contracts/principal.ts';

export const DEADLINE_DEFAULTS: Readonly<Record<Channel, number>> = Object.freeze({ mobile: 3_000, web: 5_000, partner: 10_000, agent: 8_000 });

const ms = z.number().int().min(100).max(120_000);

export const deadlinesConfigSchema = z.strictObject(Object.fromEntries(CHANNELS.map((c) => [c, ms.default(DEADLINE_DEFAULTS[c])])) as Record<Channel, z.ZodDefault<typeof ms>>)
  .default({ ...DEADLINE_DEFAULTS });

export type DeadlinesConfig = z.infer<typeof deadlinesConfigSchema>;
