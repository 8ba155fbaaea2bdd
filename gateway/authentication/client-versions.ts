/**
 * Which versions of a registered client the gateway accepts (`clients.<name>.versions`), in a small
 * semver-like syntax, so that an app version with a known defect or an outdated contract can be turned
 * away with a clear code instead of failing in odd ways. A version is accepted when it matches ANY entry:
 *
 *   `*`                 any version
 *   `2`, `2.1`, `2.x`, `2.1.x`   that prefix (`2.x` = 2.0.0 up to, not including, 3.0.0)
 *   `2.1.0`             exactly that version
 *   `>=2.1.0`, `>2`, `<3.0`, `<=2.4.1`   a comparison (missing parts count as 0)
 *   `>=1.4.0 <2`        several comparisons separated by spaces: all must hold
 *
 * Versions are `MAJOR[.MINOR[.PATCH]]` with an optional `-prerelease` (lower than the release, so
 * `2.1.0-beta` does not satisfy `>=2.1.0`, and no prefix matches it) and `+build` (ignored).
 */
type Triple = [number, number, number];
interface Version { core: Triple; prerelease: boolean }

const VERSION = /^(\d{1,9})(?:\.(\d{1,9}))?(?:\.(\d{1,9}))?(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;
const PREFIX = /^(\d{1,9})(?:\.(\d{1,9}))?(?:\.[xX*])?$/;
const COMPARISON = /^(>=|<=|>|<)(.+)$/;

export function parseVersion(text: string): Version | null {
  const m = VERSION.exec(text);
  if (!m) return null;
  return { core: [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)], prerelease: m[4] !== undefined };
}

function compare(a: Version, b: Version): number {
  for (let i = 0; i < 3; i++) if (a.core[i] !== b.core[i]) return (a.core[i] as number) - (b.core[i] as number);
  return Number(!a.prerelease) - Number(!b.prerelease);
}

type Test = (version: Version) => boolean;

function comparison(text: string): Test | null {
  const m = COMPARISON.exec(text);
  const bound = m && parseVersion(m[2] as string);
  if (!m || !bound) return null;
  switch (m[1]) {
    case '>=': return (v) => compare(v, bound) >= 0;
    case '<=': return (v) => compare(v, bound) <= 0;
    case '>': return (v) => compare(v, bound) > 0;
    default: return (v) => compare(v, bound) < 0;
  }
}

/** One entry of a `versions` list as a test, or null when it is not valid syntax. */
export function compileRange(range: string): Test | null {
  const text = range.trim();
  if (text === '*') return () => true;
  const prefix = PREFIX.exec(text);
  if (prefix) {
    const [major, minor] = [Number(prefix[1]), prefix[2] === undefined ? null : Number(prefix[2])];
    return (v) => !v.prerelease && v.core[0] === major && (minor === null || v.core[1] === minor);
  }
  const exact = parseVersion(text);
  if (exact) return (v) => compare(v, exact) === 0;
  const parts = text.split(/\s+/).map(comparison);
  if (parts.some((p) => p === null)) return null;
  return (v) => parts.every((p) => (p as Test)(v));
}

/** Whether `version` (as the client sent it) is allowed by any of `ranges`. Unparseable versions never are. */
export function versionAllowed(version: string, ranges: readonly string[]): boolean {
  const parsed = parseVersion(version);
  if (!parsed) return false;
  return ranges.some((range) => compileRange(range)?.(parsed) ?? false);
}
