/** `npm run usage -- report` and `npm run schema -- usage --field`, spawned as a user runs them, against a registry reading a usage store. */
import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openUsageStore } from '../../contracts/usage/open-usage-store.ts';
import type { SqlUsageStore } from '../../contracts/usage/sql-usage-store.ts';
import { startTestRegistry, type TestRegistry } from '../registry-test-support.ts';

let t: TestRegistry;
let bare: TestRegistry;
let usage: SqlUsageStore;
const minute = Math.floor(Date.now() / 60_000) * 60_000 - 3_600_000;

beforeAll(async () => {
  usage = await openUsageStore({ dataDir: 'memory' });
  await usage.record([
    { client: 'passerelle-mobile', clientVersion: '1.4.0', minute, operationName: 'AccountHome', operationHash: 'a'.repeat(64), requests: 40, errors: 2,
      durationMsSum: 4000, durationBuckets: [0, 0, 0, 38, 2], fields: { 'ProductOffering.name': 40 } },
    { client: 'passerelle-web', clientVersion: '2.0.0', minute, operationName: null, operationHash: 'b'.repeat(64), requests: 5, errors: 0,
      durationMsSum: 20, durationBuckets: [5], fields: { 'Query.productOffering': 5 } },
  ]);
  [t, bare] = await Promise.all([startTestRegistry({ usage: { store: usage } }), startTestRegistry()]);
}, 60_000);
afterAll(async () => { await t?.stop(); await bare?.stop(); await usage?.close(); });

function run(script: string, args: string[], registry: TestRegistry, token: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, PASSERELLE_REGISTRY_URL: registry.registry.url, PASSERELLE_REGISTRY_TOKEN: token };
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', script, ...args], { env, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

describe('the usage CLIs', () => {
  it('report: top operations with error rate, p95 and last seen, filtered by client', async () => {
    const all = await run('registry/cli/usage-main.ts', ['report', '--since', '7d'], t, t.tokens.reader);
    expect(all.code).toBe(0);
    expect(all.stdout).toMatch(/passerelle-mobile\s+1\.4\.0\s+AccountHome\s+a{12}\s+40\s+2\s+5\.0%\s+<=50/);
    expect(all.stdout).toMatch(/passerelle-web\s+2\.0\.0\s+\(anonymous\)/);
    const mobile = await run('registry/cli/usage-main.ts', ['report', '--client', 'passerelle-web'], t, t.tokens.reader);
    expect(mobile.stdout).not.toContain('AccountHome');
  });

  it('schema usage --field: who still reads a field; none for an unread one', async () => {
    const answer = await run('registry/cli/main.ts', ['usage', '--field', 'ProductOffering.name', '--field', 'Product.nobody'], t, t.tokens.reader);
    expect(answer.code).toBe(0);
    expect(answer.stdout).toMatch(/ProductOffering\.name: read by 1 client version/);
    expect(answer.stdout).toMatch(/passerelle-mobile\s+1\.4\.0\s+AccountHome\s+a{12}\s+40/);
    expect(answer.stdout).toContain('Product.nobody: no client read it');
  });

  it('answers usage errors with the usage (exit 2), and a registry without a usage store with USAGE_UNAVAILABLE (exit 3)', async () => {
    const wrong = await run('registry/cli/usage-main.ts', ['report', '--bogus'], t, t.tokens.reader);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/Usage: npm run usage/);
    const badSince = await run('registry/cli/usage-main.ts', ['report', '--since', 'yesterday-ish'], t, t.tokens.reader);
    expect(badSince.code).toBe(2);
    const none = await run('registry/cli/usage-main.ts', ['report'], bare, bare.tokens.reader);
    expect(none.code).toBe(3);
    expect(none.stderr).toMatch(/reads no usage store/);
  });
});
