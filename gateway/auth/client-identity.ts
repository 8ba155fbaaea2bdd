/**
 * Which client is calling and so which channel the request belongs to, from the
 * `apollographql-client-name` / `-version` headers and the registered clients of the configuration.
 *
 * A registered client with a `versions` list is refused (403 CLIENT_NOT_ALLOWED) in any posture when its
 * version is missing or not listed. Unnamed and unregistered clients are refused in production, and put
 * on the default channel in development (curl, Sandbox and tests work without registering).
 */
import { requestError } from '../../schema/error-codes.ts';
import type { GatewayConfig } from '../config.ts';
import { versionAllowed } from './client-versions.ts';
import type { Channel, ClientIdentity } from './principal.ts';

const MAX_HEADER_LENGTH = 64;
const SAFE = /^[A-Za-z0-9._@/-]+$/;
/** Versions may carry semver build metadata (`2.1.0+417`). */
const SAFE_VERSION = /^[A-Za-z0-9._+-]+$/;

export function identifyClient(
  headers: { name: string | undefined; version: string | undefined },
  config: Pick<GatewayConfig, 'clients' | 'defaultChannel' | 'production'>,
): { client: ClientIdentity | null; channel: Channel } {
  const name = headers.name?.slice(0, MAX_HEADER_LENGTH);
  const version = headers.version && SAFE_VERSION.test(headers.version) ? headers.version.slice(0, MAX_HEADER_LENGTH) : '';
  const named = name && SAFE.test(name) ? name : null;
  // Own-property lookup: a client named "constructor" must not find Object.prototype's.
  const registered = named && Object.hasOwn(config.clients, named) ? config.clients[named] : undefined;
  if (!registered) {
    if (config.production) {
      throw requestError('CLIENT_NOT_ALLOWED', 'This gateway serves registered clients only: send the apollographql-client-name and apollographql-client-version headers of a registered client.');
    }
    return { client: named ? { name: named, version } : null, channel: config.defaultChannel };
  }
  if (registered.versions && !versionAllowed(version, registered.versions)) {
    // The accepted versions are no secret: they tell the app's users what to update to.
    throw requestError('CLIENT_NOT_ALLOWED', `This version of ${named} is not accepted (accepted versions: ${registered.versions.join(', ')}); please update it.`);
  }
  return { client: { name: named as string, version }, channel: registered.channel };
}
