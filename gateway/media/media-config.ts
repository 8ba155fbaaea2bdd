/**
 * The `media` key of the gateway configuration: where `/media/<path>` is fetched from. In development the
 * upstream must be on loopback (no traffic leaves the machine) and defaults to the Catalogue stand-in's
 * media; in production it has no default: without one, `/media` is not served.
 */
import { z } from 'zod';

export const MEDIA_DEFAULTS = Object.freeze({
  /** The Catalogue stand-in's media (dev/legacy), as the catalog subgraph's default Catalogue URL. */
  developmentUpstreamUrl: 'http://127.0.0.1:5002/media',
  /** Per upstream fetch: connection, headers, and each pause in the body. */
  timeoutMs: 10_000,
  /** Cache-Control of a picture whose upstream says nothing about caching. */
  maxAgeSeconds: 3_600,
});

export const mediaConfigSchema = z.strictObject({
  /** `/media/<path>` streams `<upstreamUrl>/<path>`: the legacy Catalogue's media origin (PASSERELLE_MEDIA_UPSTREAM_URL). */
  upstreamUrl: z.url({ protocol: /^https?$/ }).transform((u) => u.replace(/\/+$/, '')).optional(),
  timeoutMs: z.number().int().positive().max(120_000).default(MEDIA_DEFAULTS.timeoutMs),
  maxAgeSeconds: z.number().int().nonnegative().default(MEDIA_DEFAULTS.maxAgeSeconds),
}).default({ timeoutMs: MEDIA_DEFAULTS.timeoutMs, maxAgeSeconds: MEDIA_DEFAULTS.maxAgeSeconds });

const LOOPBACK_HOSTS = new Set(['localhost', '[::1]']);

export function isLoopbackUrl(url: string): boolean {
  const host = new URL(url).hostname;
  return LOOPBACK_HOSTS.has(host) || /^127(\.\d{1,3}){3}$/.test(host);
}

/** The upstream in effect: configured, else the stand-in in development, else none (production). */
export function resolveMediaUpstream(upstreamUrl: string | undefined, production: boolean): string | null {
  return upstreamUrl ?? (production ? null : MEDIA_DEFAULTS.developmentUpstreamUrl);
}
