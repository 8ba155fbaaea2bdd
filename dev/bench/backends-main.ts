/**
 * Child process of the benchmark: the back ends alone. Prints one JSON line with what the gateways and
 * the load generator need (subgraph URLs, identity provider, internal signing key, legacy URLs) and the
 * tokens of a pool of customers: the demo `customer` first, then others with as many orders (same screen
 * size), so that concurrent requests come from different customers, as they do in production.
 *   node --import tsx dev/bench/backends-main.ts [--customers 20]
 */
import { parseArgs } from 'node:util';
import { getDataset } from '../legacy/common/dataset.ts';
import { startBackends } from '../stack/backends.ts';

const { values } = parseArgs({ options: { customers: { type: 'string', default: '20' } } });
const poolSize = Number(values.customers);
const backends = await startBackends({ ports: 'random' });
// Issued to the mobile app, whose screens the benchmark plays (the gateways run in production posture,
// where a token's client and the declared client must agree).
const mobileApp = { client: 'passerelle-mobile' };
const first = await backends.idp.tokenFor('customer', mobileApp);
const firstId = JSON.parse(Buffer.from(first.split('.')[1] as string, 'base64url').toString()).sub as string;
const data = getDataset();
const orderCount = (id: number) => data.ordersByCustomer.get(id)?.length ?? 0;
const others = data.customers.filter((c) => String(c.id) !== firstId && orderCount(c.id) === orderCount(Number(firstId))).slice(0, poolSize - 1);
if (others.length < poolSize - 1) throw new Error(`only ${others.length + 1} customers like the demo customer`);

console.log(JSON.stringify({
  subgraphs: Object.fromEntries(Object.values(backends.subgraphs).map((s) => [s.name, s.url])),
  legacy: Object.fromEntries(Object.values(backends.legacy).map((h) => [h.system, h.url])),
  idp: { issuer: backends.idp.issuer, jwksUrl: backends.idp.jwksUrl, audience: backends.idp.audience },
  internalPrivateKeyPem: backends.internalKeys.privateKeyPem,
  customerToken: first,
  customerTokens: [first, ...await Promise.all(others.map((c) => backends.idp.tokenFor(`customer:${c.id}`, mobileApp)))],
}));
process.on('SIGTERM', () => { backends.stop().then(() => process.exit(0)); });
