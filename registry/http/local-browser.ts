/**
 * Whether a request is a browser on the registry's own machine asking for a page: connected from loopback,
 * addressed to a loopback host name (a page of another site that rebinds its DNS name to 127.0.0.1 sends
 * its own name in Host, and is refused), and accepting HTML. A development registry shows its read-only
 * schema docs to such a request without a credential: a browser cannot send the API's bearer header, and
 * a credential in a URL leaks into history and logs. Machines keep using the authenticated API.
 */
import type { IncomingMessage } from 'node:http';

const LOOPBACK_ADDRESSES = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export const wantsHtml = (req: IncomingMessage): boolean => /\btext\/html\b/i.test(req.headers.accept ?? '');

export function isLocalBrowser(req: IncomingMessage): boolean {
  const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
  return LOOPBACK_ADDRESSES.has(req.socket.remoteAddress ?? '') && LOOPBACK_HOSTS.has(host) && wantsHtml(req);
}
