/**
 * Test support: a valid subgraph schema of any number of fields (types of `perType` String fields, each
 * reachable from Query, described unless `described` is false), to measure and limit what composing
 * large schemas costs.
 */
export function wideSchema(fields: number, perType = 50, prefix = 'Wide', described = true): string {
  const types = Math.ceil(fields / perType);
  const lines = ['extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@shareable"])', 'type Query {'];
  for (let t = 0; t < types; t++) lines.push(`  "Type ${t}."\n  ${prefix.toLowerCase()}${t}: ${prefix}${t}`);
  lines.push('}');
  for (let t = 0; t < types; t++) {
    lines.push(`"Type ${t}."`, `type ${prefix}${t} {`);
    for (let f = 0; f < Math.min(perType, fields - t * perType); f++) lines.push(described ? `  "Field ${f}."\n  f${f}: String` : `  f${f}: String`);
    lines.push('}');
  }
  return `${lines.join('\n')}\n`;
}
