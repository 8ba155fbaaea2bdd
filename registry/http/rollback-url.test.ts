// Issue 10: a rollback restores the routing URL of the version it re-publishes; when that differs from
// the current one, the API answer and the CLI say so instead of switching gateways silently.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printPublishOutcome } from '../cli/commands/check-publish.ts';
import { CATALOG_SDL, startTestRegistry, type TestRegistry } from '../registry-test-support.ts';

let t: TestRegistry;
beforeAll(async () => { t = await startTestRegistry(); });
afterAll(async () => { await t?.stop(); });

const OLD_URL = 'http://127.0.0.1:4002/graphql';
const NEW_URL = 'http://127.0.0.1:5002/graphql';

describe('rollback and routing URLs', () => {
  it('reports the routing URL a publish changes', async () => {
    const moved = await t.api('POST', '/subgraphs/catalog/publish', t.tokens.catalogOwner, { sdl: CATALOG_SDL, routingUrl: NEW_URL });
    expect(moved).toMatchObject({ status: 201, body: { subgraph: { version: 2, routingUrl: NEW_URL }, routingUrlChange: { from: OLD_URL, to: NEW_URL } } });
  });

  it('reports, in the answer and the CLI output, the older routing URL a rollback restores', async () => {
    const rolled = await t.api('POST', '/subgraphs/catalog/rollback', t.tokens.catalogOwner, { toVersion: 1 });
    expect(rolled).toMatchObject({ status: 201, body: { subgraph: { version: 3, rollbackOf: 1, routingUrl: OLD_URL }, routingUrlChange: { from: NEW_URL, to: OLD_URL } } });
    const lines: string[] = [];
    expect(printPublishOutcome('catalog', rolled.status, rolled.body, false, (line) => lines.push(line))).toBe(0);
    expect(lines.join('\n')).toContain(`ROUTING URL CHANGED: gateways now call ${OLD_URL} (was ${NEW_URL}).`);
    const supergraph = await t.api('GET', '/supergraph', t.tokens.reader);
    expect(supergraph.body.sdl).toContain(`name: "catalog", url: "${OLD_URL}"`);
  });

  it('says nothing of routing URLs when a rollback keeps the current one', async () => {
    const same = await t.api('POST', '/subgraphs/catalog/rollback', t.tokens.catalogOwner, { toVersion: 1 });
    expect(same.status).toBe(200);
    expect(same.body.routingUrlChange).toBeUndefined();
    const lines: string[] = [];
    printPublishOutcome('catalog', same.status, same.body, false, (line) => lines.push(line));
    expect(lines.join('\n')).not.toMatch(/ROUTING URL/);
  });
});
