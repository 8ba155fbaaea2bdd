/**
 * The gateway's usage recording settings (config.ts `usage`): on by default, flushed every few seconds,
 * to PostgreSQL (databaseUrl; `npm run gateway` takes DATABASE_URL) or to embedded PGlite (dataDir;
 * `npm run gateway` takes PASSERELLE_USAGE_DIR, default .passerelle/usage). A gateway configured in code
 * with neither (most tests) and handed no store records nothing: there would be nowhere to read it from.
 */
import { z } from 'zod';
import { USAGE_RETENTION_DEFAULTS, usageRetentionSchema } from '../../contracts/usage/usage-retention.ts';
import { AGGREGATOR_DEFAULT_MAX_KEYS } from './usage-aggregator.ts';

export const USAGE_CONFIG_DEFAULTS = Object.freeze({
  enabled: true,
  flushIntervalMs: 10_000,
  /** Retention (rollups, deletions) runs after a flush at most this often. */
  retentionIntervalMs: 3_600_000,
  maxKeys: AGGREGATOR_DEFAULT_MAX_KEYS,
});

export const usageConfigSchema = z.strictObject({
  enabled: z.boolean().default(USAGE_CONFIG_DEFAULTS.enabled),
  flushIntervalMs: z.number().int().min(100).default(USAGE_CONFIG_DEFAULTS.flushIntervalMs),
  retentionIntervalMs: z.number().int().min(1_000).default(USAGE_CONFIG_DEFAULTS.retentionIntervalMs),
  /** Distinct (minute, client, version, operation) kept in memory between flushes; past it, requests are not counted. */
  maxKeys: z.number().int().positive().default(USAGE_CONFIG_DEFAULTS.maxKeys),
  /** PostgreSQL URL of the store (wins over dataDir). */
  databaseUrl: z.string().min(1).optional(),
  /** PGlite's data directory, or 'memory' (one in-memory database per process). */
  dataDir: z.string().min(1).optional(),
  retention: usageRetentionSchema.default({ ...USAGE_RETENTION_DEFAULTS }),
}).default({ ...USAGE_CONFIG_DEFAULTS, retention: { ...USAGE_RETENTION_DEFAULTS } });

export type UsageConfig = z.output<typeof usageConfigSchema>;
