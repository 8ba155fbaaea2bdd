/**
 * Which operations each channel accepts, and where its manifest is. The configuration names each channel's
 * mode; the defaults depend on the posture (production or not), so they are resolved once at startup
 * (resolveChannelModes) rather than by the schema, which cannot see the sibling `production` key.
 */
import { z } from 'zod';
import { CHANNELS, type Channel } from '../../contracts/principal.ts';
import { APQ_DEFAULTS } from './apq-registrations.ts';

/**
 * - `persisted-only`: only the ids of the channel's manifest; documents and APQ registrations are refused.
 * - `documents`: the manifest's ids and any document; no APQ (a hash outside the manifest is not found).
 * - `apq`: the manifest's ids, any document, and automatic persisted queries (hash checked against body).
 */
export const PERSISTED_MODES = ['persisted-only', 'documents', 'apq'] as const;
export type PersistedMode = (typeof PERSISTED_MODES)[number];

export const PERSISTED_DEFAULTS = Object.freeze({
  /**
   * Production channels whose every operation is known at release time (first-party apps, partner
   * integrations): anything else is refused, so a stolen token cannot run arbitrary queries there.
   */
  persistedOnlyInProduction: Object.freeze(['mobile', 'partner']) as readonly Channel[],
  /** Every other channel, and every channel outside production. */
  otherwise: 'apq' as PersistedMode,
  /** How long an APQ registration stays in the gateway's cache (Apollo Server's `persistedQueries.ttl`). */
  apqTtlSeconds: 24 * 60 * 60,
});

const byChannel = <T extends z.ZodType>(value: T) =>
  z.strictObject(Object.fromEntries(CHANNELS.map((c) => [c, value.optional()])) as Record<Channel, z.ZodOptional<T>>);

/**
 * `persistedOperations: { manifests: { mobile: "clients/mobile/persisted-query-manifest.json" },
 * modes: { web: "documents" }, apqTtlSeconds: 86400, apqMaxBytes: 16384, apqRegistrationsPerMinute: 30 }`,
 * every key optional.
 */
export const persistedConfigSchema = z.strictObject({
  /** Path of each channel's manifest (Apollo's persisted query manifest format; `npm run persisted`). */
  manifests: byChannel(z.string().min(1)).default({}),
  /** Overrides of the default mode, per channel. */
  modes: byChannel(z.enum(PERSISTED_MODES)).default({}),
  apqTtlSeconds: z.number().int().positive().default(PERSISTED_DEFAULTS.apqTtlSeconds),
  /** Largest document an APQ registration may carry, in bytes (gateway/persisted/apq-registrations.ts). */
  apqMaxBytes: z.number().int().positive().default(APQ_DEFAULTS.maxBytes),
  /** APQ registrations each caller may make per minute. */
  apqRegistrationsPerMinute: z.number().int().positive().default(APQ_DEFAULTS.registrationsPerMinute),
}).default({
  manifests: {}, modes: {}, apqTtlSeconds: PERSISTED_DEFAULTS.apqTtlSeconds,
  apqMaxBytes: APQ_DEFAULTS.maxBytes, apqRegistrationsPerMinute: APQ_DEFAULTS.registrationsPerMinute,
});

export type PersistedConfig = z.output<typeof persistedConfigSchema>;

export function resolveChannelModes(config: Pick<PersistedConfig, 'modes'>, production: boolean): Record<Channel, PersistedMode> {
  return Object.fromEntries(CHANNELS.map((channel) => [
    channel,
    config.modes[channel] ?? (production && PERSISTED_DEFAULTS.persistedOnlyInProduction.includes(channel) ? 'persisted-only' : PERSISTED_DEFAULTS.otherwise),
  ])) as Record<Channel, PersistedMode>;
}
