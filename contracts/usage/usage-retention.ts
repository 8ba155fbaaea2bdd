/**
 * How long usage is kept, at which grain: minute rows for days (the reports' detail), rolled up to hourly
 * rows, then daily rows, then dropped. The total stays bounded by (clients x operations x buckets), whatever
 * the traffic. Shared by every process that may run retention (the gateway, after its flushes).
 */
import { z } from 'zod';

export const USAGE_RETENTION_DEFAULTS = Object.freeze({ minuteDays: 2, hourDays: 35, dayDays: 400 });

export const usageRetentionSchema = z.strictObject({
  /** Minute rows older than this are rolled up to hourly rows. */
  minuteDays: z.number().positive().default(USAGE_RETENTION_DEFAULTS.minuteDays),
  /** Hourly rows older than this are rolled up to daily rows. */
  hourDays: z.number().positive().default(USAGE_RETENTION_DEFAULTS.hourDays),
  /** Daily rows older than this are deleted. */
  dayDays: z.number().positive().default(USAGE_RETENTION_DEFAULTS.dayDays),
}).refine((r) => r.minuteDays <= r.hourDays && r.hourDays <= r.dayDays, { message: 'retention must grow: minuteDays <= hourDays <= dayDays' });

export type UsageRetention = z.infer<typeof usageRetentionSchema>;
