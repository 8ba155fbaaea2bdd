/**
 * The cache hint of one subgraph response, read from its `Cache-Control` header. Private is the default:
 * a response counts as shareable between users only when the subgraph said `public` positively; no
 * header, no max-age, `no-store`, `no-cache` or `private` make it per-user and, without a max-age,
 * uncacheable. (Apollo's RemoteGraphQLDataSource leaves the scope unset, hence public, when the header
 * says neither: this replaces it.)
 */
export interface CacheHint { maxAge: number; scope: 'PUBLIC' | 'PRIVATE' }

export const UNCACHEABLE: CacheHint = Object.freeze({ maxAge: 0, scope: 'PRIVATE' });

export function cacheHintOf(header: string | null | undefined): CacheHint {
  if (!header) return UNCACHEABLE;
  const directives = new Map<string, string | true>();
  for (const part of header.toLowerCase().split(',')) {
    const [name, value] = part.trim().split('=', 2);
    if (name) directives.set(name, value === undefined ? true : value.replace(/^"|"$/g, ''));
  }
  if (directives.has('no-store') || directives.has('no-cache')) return UNCACHEABLE;
  const maxAge = directives.get('max-age');
  const seconds = typeof maxAge === 'string' && /^\d{1,9}$/.test(maxAge) ? Number(maxAge) : 0;
  const scope = directives.get('public') === true && !directives.has('private') ? 'PUBLIC' : 'PRIVATE';
  return { maxAge: seconds, scope };
}
