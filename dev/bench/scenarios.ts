/**
 * What each client sends. The mobile app sends its operations by persisted id (the mobile channel accepts
 * nothing else in production); the vanilla gateway knows no manifest, so it gets the same operation as a
 * document. The web sends documents to both.
 *
 * Under load, concurrent requests must not be identical: Passerelle shares one subgraph fetch among
 * identical in-flight queries of one principal (gateway/subgraph/data-source.ts), which a benchmark
 * repeating one request would turn into most of the measured difference with the vanilla gateway.
 * So each scenario has variants that load rotates through: the account home of a pool of customers;
 * the (anonymous, public) catalogue page with a different client version per variant, the same
 * document and variables, hence the same work and the same response-cache entry.
 */
import { readFileSync } from 'node:fs';
import { loadClientOperations } from '../../clients/operations.ts';
import { manifestFilesOf } from '../../contracts/manifest-files.ts';

export interface GraphqlRequest { body: string; headers: Record<string, string> }

/** One request, as sent to Passerelle and to the vanilla gateway. */
export interface Variant { passerelle: GraphqlRequest; vanilla: GraphqlRequest }

export interface LoadScenario {
  name: string;
  /** The first is the one of sequential measurements. */
  variants: Variant[];
  /** Entities of the cached answer: purging them empties its entry. */
  purgeTags(answer: unknown): string[];
}

const mobileHeaders = (token: string) => ({
  'content-type': 'application/json', authorization: `Bearer ${token}`,
  'apollographql-client-name': 'passerelle-mobile', 'apollographql-client-version': '1.0.0',
});
const webHeaders = (version: string) => ({ 'content-type': 'application/json', 'apollographql-client-name': 'passerelle-web', 'apollographql-client-version': version });

function persistedId(channel: 'mobile', name: string): string {
  const file = manifestFilesOf()[channel];
  if (!file) throw new Error(`no persisted query manifest for the ${channel} channel`);
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as { operations: { id: string; name: string }[] };
  const op = manifest.operations.find((o) => o.name === name);
  if (!op) throw new Error(`${name} is not in the ${channel} manifest (npm run persisted)`);
  return op.id;
}

function document(name: string): string {
  const op = loadClientOperations().find((o) => o.name === name);
  if (!op) throw new Error(`no client operation ${name}`);
  return op.source;
}

/** A mobile operation as the app sends it to Passerelle: its manifest id, no document. */
export function mobileRequest(name: string, token: string, variables?: Record<string, unknown>): GraphqlRequest {
  const body = { operationName: name, ...(variables ? { variables } : {}), extensions: { persistedQuery: { version: 1, sha256Hash: persistedId('mobile', name) } } };
  return { body: JSON.stringify(body), headers: mobileHeaders(token) };
}

/** `tokens`: the customers' bearer tokens; as many catalogue-page variants as customers. */
export function loadScenarios(tokens: string[]): LoadScenario[] {
  const accountHome = document('AccountHome');
  const catalogBody = JSON.stringify({ query: document('CatalogPage'), variables: { first: 24 } });
  return [
    {
      name: 'mobile account home',
      variants: tokens.map((token) => ({
        passerelle: mobileRequest('AccountHome', token),
        vanilla: { body: JSON.stringify({ query: accountHome }), headers: mobileHeaders(token) },
      })),
      purgeTags: (answer) => [`Customer:${(answer as { data: { me: { id: string } } }).data.me.id}`],
    },
    {
      name: 'web catalogue page',
      variants: tokens.map((_, i) => {
        const request = { body: catalogBody, headers: webHeaders(`1.0.${i}`) };
        return { passerelle: request, vanilla: request };
      }),
      purgeTags: (answer) => (answer as { data: { productOfferings: { nodes: { id: string }[] } } }).data.productOfferings.nodes.slice(0, 1).map((n) => `ProductOffering:${n.id}`),
    },
  ];
}

/** One POST, checked: a benchmark of errors would measure nothing. */
export async function post(url: string, request: GraphqlRequest): Promise<{ text: string; headers: Headers }> {
  const res = await fetch(url, { method: 'POST', headers: request.headers, body: request.body });
  const text = await res.text();
  if (res.status !== 200 || text.includes('"errors"')) throw new Error(`${url} answered ${res.status}: ${text.slice(0, 300)}`);
  return { text, headers: res.headers };
}
