// OWASP API10 (unsafe consumption of APIs): a legacy system that answers with hostile or broken content
// never makes a subgraph leak, hang, crash or expand entities; identifiers never steer legacy URLs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBillingSubgraph } from '../../subgraphs/billing/index.ts';
import { createPartySubgraph } from '../../subgraphs/party/index.ts';
import { startSubgraph, type RunningSubgraph } from '../../subgraphs/runtime/serving/serve.ts';
import { startHostileServer, soapEnvelope, type HostileServer } from '../support/hostile-server.ts';
import { callSubgraph, principals, TEST_KEYS } from '../support/subgraph-client.ts';
import { FAULTS_ONLY } from '../support/faults-only.ts';

const LEAKS = /ORA-|BILL-PRD|127\.0\.0\.1|\bat [\w.$]+\(|Exception|SELECT |passwd|root:|lol|faultstring|<\/?\w+/i;
const BALANCE = '{ _entities(representations: [{ __typename: "Customer", id: "100001" }]) { ... on Customer { balance { openAmount { amount } } } } }';
const xml = (status: number, text: string) => (res: import('node:http').ServerResponse) => res.writeHead(status, { 'content-type': 'text/xml' }).end(text);

describe('hostile SOAP responses (billing subgraph against a hostile Billing)', () => {
  let hostile: HostileServer;
  let billing: RunningSubgraph;
  beforeAll(async () => {
    hostile = await startHostileServer();
    billing = await startSubgraph(createBillingSubgraph({ billingUrl: hostile.url, timeoutMs: 500, maxResponseBytes: 64 * 1024, resilience: FAULTS_ONLY }), { internalTokenPublicKey: TEST_KEYS.publicKeyPem });
  });
  afterAll(async () => { await billing.stop(); await hostile.close(); });

  const attack = async (answer: Parameters<HostileServer['answer']>[0]) => {
    hostile.answer(answer);
    const res = await callSubgraph(billing.url, 'billing', principals.customer('100001'), BALANCE);
    expect(res.status).toBe(200);
    expect(res.data).toEqual({ _entities: [{ balance: null }] });
    expect(JSON.stringify(res.errors)).not.toMatch(LEAKS);
    return res.errors?.[0]?.extensions?.['code'];
  };

  it('refuses an XXE payload (external entity reading a local file)', async () => {
    const body = soapEnvelope('<GetBalancesResponse xmlns="x"><Balance><CustomerId>&xxe;</CustomerId></Balance></GetBalancesResponse>', '<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>');
    expect(await attack(xml(200, body))).toBe('UPSTREAM_ERROR');
  });

  it('refuses a billion-laughs entity bomb without expanding it', async () => {
    const bomb = '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>';
    expect(await attack(xml(200, soapEnvelope('<GetBalancesResponse xmlns="x"><Balance><CustomerId>&lol3;</CustomerId></Balance></GetBalancesResponse>', bomb)))).toBe('UPSTREAM_ERROR');
  });

  it('refuses a huge response at the size cap', async () => {
    expect(await attack(xml(200, soapEnvelope(`<GetBalancesResponse xmlns="x">${'<Balance><CustomerId>1</CustomerId></Balance>'.repeat(5_000)}</GetBalancesResponse>`)))).toBe('UPSTREAM_ERROR');
  });

  it('survives a truncated body', async () => {
    expect(await attack(xml(200, soapEnvelope('<GetBalancesResponse xmlns="x"><Balance><CustomerId>1</Cust').slice(0, -40)))).toBe('UPSTREAM_ERROR');
  });

  it('never passes on a fault carrying a stack trace, SQL and server names', async () => {
    const fault = '<soap:Fault><faultcode>soap:Server</faultcode><faultstring>ORA-00942: table or view does not exist</faultstring><detail><trace>java.sql.SQLException at com.acme.billing.Dao.load(Dao.java:42) SELECT * FROM INVOICES WHERE ... on BILL-PRD-DB02</trace></detail></soap:Fault>';
    expect(await attack(xml(500, soapEnvelope(fault)))).toBe('UPSTREAM_ERROR');
  });

  it('times out on a system that never answers', async () => {
    expect(await attack(() => { /* never answers */ })).toBe('UPSTREAM_TIMEOUT');
  });
});

describe('hostile REST responses and identifiers (party subgraph against a hostile CRM)', () => {
  let hostile: HostileServer;
  let party: RunningSubgraph;
  beforeAll(async () => {
    hostile = await startHostileServer();
    party = await startSubgraph(createPartySubgraph({ crmUrl: hostile.url, timeoutMs: 500, maxResponseBytes: 64 * 1024, resilience: FAULTS_ONLY }), { internalTokenPublicKey: TEST_KEYS.publicKeyPem });
  });
  afterAll(async () => { await party.stop(); await hostile.close(); });

  it('turns an HTML error page, a huge body and broken JSON into coded errors', async () => {
    for (const [answer, code] of [
      [(res) => res.writeHead(500, { 'content-type': 'text/html' }).end('<html>java.lang.NullPointerException at crm-prd-01:8080</html>'), 'UPSTREAM_ERROR'],
      [(res) => res.writeHead(200, { 'content-type': 'application/json' }).end(`{"CLIENTS":[${'{"CLI_ID":1},'.repeat(10_000)}{}]}`), 'UPSTREAM_ERROR'],
      [(res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"CLIENTS":[{"CLI_ID":100001,"CLI_NOM":"Dup'), 'UPSTREAM_ERROR'],
    ] as [Parameters<HostileServer['answer']>[0], string][]) {
      hostile.answer(answer);
      const res = await callSubgraph(party.url, 'party', principals.agent(), '{ customer(id: "100001") { displayName } }');
      expect(res.errors?.[0]?.extensions?.['code']).toBe(code);
      expect(JSON.stringify(res.errors)).not.toMatch(LEAKS);
    }
  });

  it('never lets an identifier steer the legacy URL (traversal, encoded slashes, absolute URLs)', async () => {
    hostile.requests.length = 0;
    for (const id of ['../admin', '..%2Fadmin', '%2e%2e/x', 'http://169.254.169.254/latest', '100001/../../etc', '100001?ids=1']) {
      const res = await callSubgraph(party.url, 'party', principals.agent(), 'query($id: ID!) { customer(id: $id) { displayName } }', { id });
      // Refused before any CRM call: null (an unknown customer), or a coded error, never a crafted request.
      expect(res.data?.customer ?? null).toBeNull();
      for (const error of res.errors ?? []) expect(['BAD_USER_INPUT', 'NOT_FOUND']).toContain(error.extensions?.['code']);
    }
    expect(hostile.requests.filter((r) => /\.\.|%2f|169\.254|etc/i.test(r))).toEqual([]);
  });
});
