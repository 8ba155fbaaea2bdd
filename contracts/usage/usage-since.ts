/** "--since 7d" / "?since=12h": a duration back from now (d, h, m) or an ISO date, to epoch ms; null when unreadable. */
const UNITS: Record<string, number> = { d: 86_400_000, h: 3_600_000, m: 60_000 };

export function parseSince(text: string, now: number): number | null {
  const duration = /^(\d+(?:\.\d+)?)([dhm])$/.exec(text.trim());
  if (duration) return now - Number(duration[1]) * UNITS[duration[2]!]!;
  const date = Date.parse(text);
  return Number.isNaN(date) ? null : date;
}
