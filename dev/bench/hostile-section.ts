/**
 * Hostile documents: how long the gateway's analysis takes to refuse each hostile shape, at sizes up to
 * the body limit, beside what the same analysis costs the real client operations (clients/<channel>/operations),
 * so that it shows both that refusals are cheap and that legitimate operations did not get slower.
 * In process, through the same functions the gateway runs, in its order: the text scan (tokens and
 * nesting, before parsing), Apollo's parse (token ceiling) and validation, the document passes, the cost
 * and authorization's inlining. A few seconds. `npm run bench -- --hostile-only` runs this section alone.
 */
import { readFileSync } from 'node:fs';
import { buildSchema, getOperationAST, parse, specifiedRules, validate, type GraphQLSchema } from 'graphql';
import { loadClientOperations } from '../../clients/operations.ts';
import { printSupergraphApiSchema } from '../../schema/composition/api-schema.ts';
import type { Channel } from '../../contracts/principal.ts';
import { inlineOperation } from '../../gateway/authorization/inline-fragments.ts';
import { GATEWAY_DEFAULTS, loadGatewayConfig } from '../../gateway/config.ts';
import { LimitExceeded, VISITS } from '../../gateway/limits/bounded-walk.ts';
import { costViolation, documentViolation } from '../../gateway/limits/check-limits.ts';
import { aliasFlood, directiveFlood, fragmentFanOut, nestedInlineFragments } from '../../gateway/limits/hostile-shapes.ts';
import type { OperationLimits } from '../../gateway/limits/limits-config.ts';
import { scanSource } from '../../gateway/limits/source-scan.ts';
import { parseTokenCeiling } from '../../gateway/limits/parse-limits-plugin.ts';

export interface HostileRow { document: string; channel: Channel; bytes: number; outcome: string; visits: number; medianMs: number }

const OFFERING = 'productOffering(id: "PO-0001")';

/** What the gateway does with one document on one channel: the limit that refuses it, or 'passes'. */
function analyse(schema: GraphQLSchema, source: string, limits: OperationLimits, tokenCeiling: number): string {
  const text = scanSource(source, limits);
  if (text) return text.limit;
  const document = parse(source, { maxTokens: tokenCeiling });
  if (validate(schema, document, specifiedRules).length > 0) return 'invalid';
  const op = { schema, document, source, operation: getOperationAST(document) as never, variables: {} };
  const violation = documentViolation(op, limits) ?? costViolation(op, limits);
  if (violation) return violation.limit;
  try {
    inlineOperation(document, undefined, limits.maxSelections);
  } catch (error) {
    if (error instanceof LimitExceeded) return 'maxSelections (inlining)';
    throw error;
  }
  return 'passes';
}

function timed(run: () => string): { outcome: string; visits: number; medianMs: number } {
  const before = Object.values(VISITS).reduce((a, b) => a + b, 0);
  const outcome = run();
  const visits = Object.values(VISITS).reduce((a, b) => a + b, 0) - before;
  const times: number[] = [];
  const until = performance.now() + 100;
  while (times.length < 5 || (times.length < 200 && performance.now() < until)) {
    const started = performance.now();
    run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { outcome, visits, medianMs: times[Math.floor(times.length / 2)] as number };
}

/** The largest `make(n)` whose text fits in `bytes`. */
function sized(make: (n: number) => string, bytes: number): string {
  let n = 1;
  while (make(n * 2).length <= bytes) n *= 2;
  let step = n / 2;
  while (step >= 1) { if (make(n + step).length <= bytes) n += step; step = Math.floor(step / 2); }
  return make(n);
}

export function measureHostileDocuments(): HostileRow[] {
  const schema = buildSchema(printSupergraphApiSchema(readFileSync(new URL('../../schema/supergraph.graphql', import.meta.url), 'utf8')));
  const limits = loadGatewayConfig({ supergraphFile: 'x' }).limits;
  const ceiling = parseTokenCeiling(limits);
  const max = GATEWAY_DEFAULTS.maxBodyBytes - 100;
  const shapes: [string, (n: number) => string][] = [
    ['fan-out at the root', (n) => fragmentFanOut(n, { type: 'Query', leaf: `${OFFERING} { id }` })],
    ['fan-out in a field', (n) => fragmentFanOut(n, { field: OFFERING, type: 'ProductOffering', leaf: 'id' })],
    ['nested inline fragments', (n) => nestedInlineFragments(n)],
    ['alias flood', (n) => aliasFlood(n, `${OFFERING} { id }`)],
    ['directive flood', (n) => `{ ${OFFERING} ${directiveFlood(n, 'id')} }`],
    ['one long string', (n) => `{ ${OFFERING.replace('PO-0001', 'x'.repeat(n))} { id } }`],
  ];
  const rows: HostileRow[] = [];
  for (const [name, make] of shapes) {
    for (const bytes of [1_024, 64 * 1_024, max]) {
      const source = name.startsWith('fan-out') && bytes === 1_024 ? make(24) : sized(make, bytes);
      for (const channel of ['web', 'agent'] as const) {
        rows.push({ document: name, channel, bytes: source.length, ...timed(() => analyse(schema, source, limits[channel], ceiling)) });
      }
    }
  }
  for (const op of loadClientOperations()) {
    const channel = op.channel as Channel;
    rows.push({ document: `client ${op.name}`, channel, bytes: op.source.length, ...timed(() => analyse(schema, op.source, limits[channel], ceiling)) });
  }
  return rows;
}

export function printHostileRows(rows: readonly HostileRow[]): void {
  console.log('\nHostile documents: refusal by the gateway\'s analysis, beside the real client operations (in process)');
  console.log('| document | channel | bytes | outcome | nodes visited | median |');
  console.log('|---|---|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.document} | ${r.channel} | ${r.bytes} | ${r.outcome} | ${r.visits} | ${r.medianMs.toFixed(3)} ms |`);
}
