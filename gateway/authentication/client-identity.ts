/**
 * Which client is calling, and so the request's channel: its operation limits and context policies.
 * Whatever raises a caller's rights comes from its verified token, never from a header alone:
 *
 * - A token issued to a registered client (`azp`/`client_id`, read in bearer.ts) puts the request on that
 *   client's channel, with or without the `apollographql-client-name` header.
 * - Otherwise the header may name a PUBLIC client, a first-party app (mobile, web) that anyone can imitate;
 *   public clients live on the public channels only (config.ts). A header naming a CONFIDENTIAL client
 *   (partner portal, agent desk) without a token issued to it is not believed, nor is a header that
 *   contradicts the token's client.
 * - A client that lists `roles` serves those roles only: a customer's token issued to the agent desk does
 *   not open the agent channel (and the role always comes from the token).
 *
 * What is not believed is refused in production (403 CLIENT_NOT_ALLOWED) and, in development, served on
 * the default channel like an unregistered client (curl, Sandbox and tests work without registering).
 * A registered client with `versions` is refused in any posture when the version it declares is not
 * listed, or missing while it names itself in the header (a client known by its token only is checked
 * when it sends a version).
 */
import { requestError } from '../../contracts/error-codes.ts';
import type { GatewayConfig } from '../config.ts';
import { versionAllowed } from './client-versions.ts';
import type { Channel, ClientIdentity, Role } from '../../contracts/principal.ts';

const MAX_HEADER_LENGTH = 64;
const SAFE = /^[A-Za-z0-9._@/-]+$/;
/** Versions may carry semver build metadata (`2.1.0+417`). */
const SAFE_VERSION = /^[A-Za-z0-9._+-]+$/;
const REGISTERED_ONLY = 'This gateway serves registered clients only: send the apollographql-client-name and apollographql-client-version headers of a registered client.';

type ClientsConfig = Pick<GatewayConfig, 'clients' | 'defaultChannel' | 'production'>;
type Registration = GatewayConfig['clients'][string];
export interface ClientHeaders { name: string | undefined; version: string | undefined }
/** What the verified token says: the role, and the client the token was issued to (null: none, or no token). */
export interface VerifiedCaller { role: Role; client: string | null }
export interface IdentifiedClient { client: ClientIdentity | null; channel: Channel }

const safeName = (name: string | undefined): string | null => {
  const cut = name?.slice(0, MAX_HEADER_LENGTH);
  return cut && SAFE.test(cut) ? cut : null;
};
// Own-property lookup: a client named "constructor" must not find Object.prototype's.
const lookup = (config: ClientsConfig, name: string | null): Registration | undefined =>
  (name !== null && Object.hasOwn(config.clients, name) ? config.clients[name] : undefined);

export function identifyClient(headers: ClientHeaders, caller: VerifiedCaller, config: ClientsConfig): IdentifiedClient {
  const declared = safeName(headers.name);
  const nameSent = Boolean(headers.name);
  const version = headers.version && SAFE_VERSION.test(headers.version) ? headers.version.slice(0, MAX_HEADER_LENGTH) : '';
  const fallback = { client: null, channel: config.defaultChannel };
  const notBelieved = (message: string): IdentifiedClient => {
    if (config.production) throw requestError('CLIENT_NOT_ALLOWED', message);
    return fallback;
  };
  const unregistered = (name: string | null): IdentifiedClient => {
    if (config.production) throw requestError('CLIENT_NOT_ALLOWED', REGISTERED_ONLY);
    return { client: name ? { name, version } : null, channel: config.defaultChannel };
  };
  const admit = (name: string, registered: Registration, checkVersion: boolean): IdentifiedClient => {
    if (registered.roles && !registered.roles.includes(caller.role)) return notBelieved(`${name} does not serve ${caller.role} users.`);
    if (checkVersion && registered.versions && !versionAllowed(version, registered.versions)) {
      // The accepted versions are no secret: they tell the app's users what to update to.
      throw requestError('CLIENT_NOT_ALLOWED', `This version of ${name} is not accepted (accepted versions: ${registered.versions.join(', ')}); please update it.`);
    }
    return { client: { name, version }, channel: registered.channel };
  };
  const byHeader = (): IdentifiedClient => {
    const registered = lookup(config, declared);
    if (!registered) return unregistered(declared);
    if (registered.kind === 'confidential') return notBelieved(`${declared} is served only with a token issued to it.`);
    return admit(declared as string, registered, true);
  };

  if (caller.client === null) return byHeader();
  if (nameSent && declared !== caller.client) {
    if (config.production) throw requestError('CLIENT_NOT_ALLOWED', 'The apollographql-client-name header names another client than the one the token was issued to.');
    return byHeader();
  }
  const tokenClient = safeName(caller.client);
  const registered = lookup(config, tokenClient);
  if (!registered) return unregistered(tokenClient);
  return admit(tokenClient as string, registered, nameSent || Boolean(headers.version));
}
