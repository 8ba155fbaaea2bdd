/** Prints rows as a Markdown table: aligned in a terminal, and pasted as is into docs/benchmarks.md. */
export type Row = Record<string, string | number>;

export function printTable(title: string, rows: Row[], note?: string): void {
  console.log(`\n## ${title}\n`);
  if (note) console.log(`${note}\n`);
  const columns = Object.keys(rows[0] ?? {});
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i] as number)).join(' | ')} |`;
  console.log(line(columns));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows) console.log(line(columns.map((c) => String(row[c] ?? ''))));
}
