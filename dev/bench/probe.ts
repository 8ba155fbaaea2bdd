/**
 * Before anything is measured, each load scenario is checked: for every variant, the three gateways must
 * give byte-identical answers without errors. Then one operation's cost in legacy calls is counted on
 * each gateway, with the subgraphs' own caches (catalogue reference data) as warm as under load, and the
 * warm answer of every variant (a hit, proven by the counters) is captured for the ceiling server.
 */
import type { BenchStack } from './bench-stack.ts';
import type { CapturedAnswer } from './ceiling-server.ts';
import { cacheCounters, countersSince } from './gateway-admin.ts';
import { legacyCallsOf, type LegacyCalls } from './legacy-stats.ts';
import { post, type LoadScenario, type Variant } from './scenarios.ts';

export interface ProbeResult {
  /** Of the first variant's answer. */
  responseBytes: number;
  /** One operation alone (the first variant), cache off (Passerelle) and on the vanilla gateway. */
  legacyCalls: { vanilla: LegacyCalls; passerelle: LegacyCalls };
  /** Warm answers by the variant's authorization header ('' when none), for the ceiling server. */
  warmAnswers: Record<string, CapturedAnswer>;
  /** Entities whose purge empties every variant's cache entry. */
  purgeTags: string[];
}

/** Set per connection or per message by any HTTP server: not part of the captured answer. */
const PER_MESSAGE = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length']);

export const answerKey = (headers: Record<string, string>): string => headers['authorization'] ?? '';

export async function probeScenario(stack: BenchStack, scenario: LoadScenario): Promise<ProbeResult> {
  const { cacheOn, cacheOff } = stack.passerelle;
  for (const [i, variant] of scenario.variants.entries()) {
    const texts = new Set([
      (await post(stack.vanilla, variant.vanilla)).text, (await post(cacheOff, variant.passerelle)).text, (await post(cacheOn, variant.passerelle)).text,
    ]);
    if (texts.size !== 1) throw new Error(`the gateways answered ${scenario.name} (variant ${i}) differently`);
  }
  const first = scenario.variants[0] as Variant;
  const legacyCalls = {
    vanilla: await legacyCallsOf(stack.info.legacy, () => post(stack.vanilla, first.vanilla)),
    passerelle: await legacyCallsOf(stack.info.legacy, () => post(cacheOff, first.passerelle)),
  };

  const before = await cacheCounters(cacheOn);
  const warmAnswers: Record<string, CapturedAnswer> = {};
  for (const { passerelle } of scenario.variants) {
    const warm = await post(cacheOn, passerelle);
    warmAnswers[answerKey(passerelle.headers)] = { status: 200, headers: Object.fromEntries([...warm.headers].filter(([name]) => !PER_MESSAGE.has(name))), body: warm.text };
  }
  const { hits } = countersSince(before, await cacheCounters(cacheOn));
  if (hits !== scenario.variants.length) throw new Error(`${scenario.name}: ${hits} of ${scenario.variants.length} warm answers came from Passerelle's cache`);
  const purgeTags = [...new Set(Object.values(warmAnswers).flatMap((a) => scenario.purgeTags(JSON.parse(a.body))))];
  return { responseBytes: Buffer.byteLength(warmAnswers[answerKey(first.passerelle.headers)]?.body ?? ''), legacyCalls, warmAnswers, purgeTags };
}
