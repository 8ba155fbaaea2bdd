/**
 * The shape of a media path, shared by the two sides of the media URLs: the catalog subgraph writes
 * `<media base>/<path>` into responses, and the gateway's `/media/<path>` fetches `<upstream>/<path>`.
 * A path is one or more segments of letters, digits, `_`, `-` and `.`, none starting with a dot: no
 * `..`, no empty segment, no scheme or host, no %-escape, so it can never leave the media root.
 */
const SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}$/;
const MAX_SEGMENTS = 16;

/** The path itself when it is a safe media path ("PO-0001/thumb.svg"), else null. */
export function safeMediaPath(path: string): string | null {
  const segments = path.split('/');
  return segments.length <= MAX_SEGMENTS && segments.every((s) => SEGMENT.test(s)) ? path : null;
}
