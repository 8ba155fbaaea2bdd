/**
 * Reads Prometheus' text exposition format in tests: the metric families a scrape declares (`# TYPE`)
 * and its samples with their labels, so that assertions name series instead of matching raw text.
 */
export interface Sample { name: string; labels: Record<string, string>; value: number }

export async function scrape(url: string, headers: Record<string, string> = {}): Promise<string> {
  const res = await fetch(url, { headers });
  if (res.status !== 200) throw new Error(`GET ${url}: ${res.status}`);
  return res.text();
}

/** Family name -> type (counter, gauge, histogram, summary, untyped). */
export function families(text: string): Map<string, string> {
  return new Map([...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map((m) => [m[1]!, m[2]!]));
}

export function samples(text: string): Sample[] {
  return text.split('\n').filter((line) => line !== '' && !line.startsWith('#')).map((line) => {
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) throw new Error(`not a sample line: ${line}`);
    const labels = Object.fromEntries([...(m[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1]!, l[2]!.replace(/\\(.)/g, (_s, c: string) => (c === 'n' ? '\n' : c))]));
    return { name: m[1]!, labels, value: Number(m[3]) };
  });
}

/** The samples of one series name whose labels include `labels`. */
export const series = (text: string, name: string, labels: Record<string, string> = {}): Sample[] =>
  samples(text).filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));

/** The value of the one sample matching, or NaN when there is none. */
export function valueOf(text: string, name: string, labels: Record<string, string> = {}): number {
  const found = series(text, name, labels);
  if (found.length > 1) throw new Error(`${found.length} series of ${name} match ${JSON.stringify(labels)}`);
  return found[0]?.value ?? NaN;
}
