/**
 * `npm run bench`, in one run:
 *  - comparison: the mobile account home and the web catalogue page through Passerelle with its response
 *    cache off and through a vanilla @apollo/gateway (the baseline), over the same subgraphs;
 *  - response cache: the same operations cold (cache emptied before each request), warm (cache hits) and
 *    with the cache disabled;
 *  - ceiling: the cache-hit path against a bare node:http server answering the same bytes;
 *  - bytes and round trips of each mobile screen against the legacy REST and SOAP calls it replaces;
 *  - hostile documents: the analysis' refusal of each hostile shape beside the client operations (in
 *    process, first; `--hostile-only` runs it alone, in a few seconds).
 * Back ends, each gateway and the ceiling server run in processes of their own, autocannon in this one.
 * Prints one table per section and writes everything to bench-results/latest.json. It is not a test.
 *   npm run bench -- [--duration 5] [--connections 10] [--warmup 2] [--rounds 2] [--sequential 30]
 *   REDIS_URL=redis://127.0.0.1:6379 npm run bench     (the response cache in Redis, under a prefix of this run)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { startBenchStack } from './bench-stack.ts';
import { measureScreenBytes } from './bytes-section.ts';
import { measureHostileDocuments, printHostileRows } from './hostile-section.ts';
import type { CapturedAnswer } from './ceiling-server.ts';
import { purge } from './gateway-admin.ts';
import { measureLoad } from './load.ts';
import { benchOptions } from './options.ts';
import { probeScenario } from './probe.ts';
import { bytesRows, cacheRows, ceilingRows, comparisonRows, printReport, type ScenarioResult } from './report.ts';
import { loadScenarios, post } from './scenarios.ts';
import { measureSequential } from './sequential.ts';

// The command line first: --help, or a wrong flag, answers at once.
const options = benchOptions();
// In this process, before any load: nothing else competes with it.
const hostile = measureHostileDocuments();
printHostileRows(hostile);
if (options.hostileOnly) process.exit(0);
// Twice the connections: no two in-flight requests share a variant (see scenarios.ts).
const variants = Math.max(20, 2 * options.connections);
const stack = await startBenchStack(options.redisUrl, variants);
try {
  const scenarios = loadScenarios(stack.info.customerTokens);
  const slug = (name: string) => `/${name.replace(/\W+/g, '-')}`;
  const probes = [];
  const captured: Record<string, Record<string, CapturedAnswer>> = {};
  for (const scenario of scenarios) {
    const probe = await probeScenario(stack, scenario);
    probes.push({ scenario, probe, sequential: await measureSequential(stack, scenario, options.sequential) });
    captured[slug(scenario.name)] = probe.warmAnswers;
  }
  const ceiling = await stack.start('ceiling-server.ts', [stack.configFile('ceiling.json', captured)]);

  const results: ScenarioResult[] = [];
  for (const { scenario, probe, sequential } of probes) {
    const { cacheOn, cacheOff } = stack.passerelle;
    const [vanilla, off, on, bare] = await measureLoad([
      { label: 'vanilla', url: stack.vanilla, requests: scenario.variants.map((v) => v.vanilla) },
      { label: 'cache off', url: cacheOff, requests: scenario.variants.map((v) => v.passerelle) },
      {
        label: 'cache on, warm', url: cacheOn, requests: scenario.variants.map((v) => v.passerelle), expectHitsFrom: cacheOn,
        // The account home's entries live 10 s: all are renewed just before each run, so that a run of up to
        // 10 s measures hits only (longer runs also see one refreshing miss per entry and 10 s, as in production).
        prime: async () => {
          await purge(cacheOn, stack.purgeSecret, probe.purgeTags);
          await sleep(2);
          for (const v of scenario.variants) await post(cacheOn, v.passerelle);
        },
      },
      { label: 'ceiling', url: new URL(slug(scenario.name), ceiling).href, requests: scenario.variants.map((v) => v.passerelle) },
    ], options);
    if (!vanilla || !off || !on || !bare) throw new Error('a load target was not measured');
    results.push({ scenario: scenario.name, probe, sequential, load: { vanilla, cacheOff: off, cacheOn: on, ceiling: bare } });
  }
  const screens = await measureScreenBytes(stack);

  printReport(results, screens, options, stack.cacheStore, variants);
  mkdirSync('bench-results', { recursive: true });
  writeFileSync('bench-results/latest.json', JSON.stringify({
    date: new Date().toISOString(), node: process.version, options: { ...options, hostileOnly: undefined, redisUrl: options.redisUrl ? 'set' : undefined }, cacheStore: stack.cacheStore, variants,
    comparison: comparisonRows(results), cache: cacheRows(results, options), ceiling: ceilingRows(results), bytes: bytesRows(screens), hostile,
    details: { scenarios: results.map(({ probe: { warmAnswers: _captured, purgeTags: _tags, ...probe }, ...r }) => ({ ...r, probe })), screens },
  }, null, 2));
  console.log('\nFigures written to bench-results/latest.json');
} finally {
  await stack.stop();
}
