/**
 * Which client is calling and so which channel the request belongs to, from the
 * `apollographql-client-name` / `-version` headers and the registered clients of the configuration.
 */
import type { GatewayConfig } from '../config.ts';
import type { Channel, ClientIdentity } from './principal.ts';

const MAX_HEADER_LENGTH = 64;
const SAFE = /^[A-Za-z0-9._@/-]+$/;

export function identifyClient(
  headers: { name: string | undefined; version: string | undefined },
  config: Pick<GatewayConfig, 'clients' | 'defaultChannel'>,
): { client: ClientIdentity | null; channel: Channel } {
  const name = headers.name?.slice(0, MAX_HEADER_LENGTH);
  if (!name || !SAFE.test(name)) return { client: null, channel: config.defaultChannel };
  const version = headers.version && SAFE.test(headers.version) ? headers.version.slice(0, MAX_HEADER_LENGTH) : '';
  const registered = config.clients[name];
  return { client: { name, version }, channel: registered?.channel ?? config.defaultChannel };
}
