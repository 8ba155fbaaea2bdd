// Issue 10: invalid tokens each cost an scrypt; a flood of them from one address must not slow valid
// callers from elsewhere. Failed verifications are rate-limited per address BEFORE any scrypt runs
// (429 RATE_LIMITED with Retry-After), and verified tokens are remembered, so a valid reader pays no
// scrypt per request. The latency bound is generous (a loaded 2-core machine); the scrypt count is exact.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAILURE_LIMIT_DEFAULTS } from '../credentials/failure-limiter.ts';
import { startTestRegistry, type TestRegistry } from '../registry-test-support.ts';

let t: TestRegistry;
beforeAll(async () => { t = await startTestRegistry({ seed: false }); });
afterAll(async () => { await t?.stop(); });

/** GET from a given local address (127.0.0.x: every loopback address reaches the registry). */
function getFrom(localAddress: string, path: string, token: string): Promise<{ status: number; retryAfter: string | undefined; code: string | undefined; ms: number }> {
  const url = new URL(path, t.registry.url);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path: url.pathname, localAddress, headers: { authorization: `Bearer ${token}` }, agent: false }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => { body += chunk.toString(); });
      res.on('end', () => {
        const code = res.statusCode === 200 ? undefined : (JSON.parse(body) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code;
        resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'] as string | undefined, code, ms: performance.now() - started });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

describe('a flood of invalid tokens', () => {
  it('is refused 429 after the burst without running scrypt, while a valid reader elsewhere is served', async () => {
    const forged = `${t.tokens.reader.split('.')[0]}.not-the-secret`;
    const warm = await getFrom('127.0.0.1', '/subgraphs', t.tokens.reader);
    expect(warm.status).toBe(200);
    const flood = Array.from({ length: 200 }, () => getFrom('127.0.0.2', '/subgraphs', forged));
    const reader: number[] = [];
    for (let i = 0; i < 20; i += 1) {
      const answer = await getFrom('127.0.0.1', '/subgraphs', t.tokens.reader);
      expect(answer.status).toBe(200);
      reader.push(answer.ms);
    }
    const answers = await Promise.all(flood);
    const refused = answers.filter((a) => a.status === 429);
    const unauthenticated = answers.filter((a) => a.status === 401);
    // Only the burst (and what refilled meanwhile) ever reached scrypt.
    expect(unauthenticated.length).toBeGreaterThanOrEqual(FAILURE_LIMIT_DEFAULTS.burst);
    expect(unauthenticated.length).toBeLessThanOrEqual(FAILURE_LIMIT_DEFAULTS.burst + 5);
    expect(refused.length + unauthenticated.length).toBe(200);
    expect(refused[0]).toMatchObject({ code: 'RATE_LIMITED', retryAfter: expect.stringMatching(/^\d+$/) });
    const sorted = [...reader].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    console.log(`flood of 200 invalid tokens: ${unauthenticated.length} verified (401), ${refused.length} refused (429); valid reader median ${median.toFixed(1)} ms, slowest ${sorted.at(-1)!.toFixed(1)} ms`);
    expect(median).toBeLessThan(500);
    // The flooding address is refused any token not verified before (or it could alternate guesses with one).
    expect((await getFrom('127.0.0.2', '/subgraphs', t.tokens.admin)).status).toBe(429);
  });
});
