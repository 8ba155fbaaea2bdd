/**
 * Child process of the benchmark: the back ends alone. Prints one JSON line with what the gateways and
 * the load generator need (subgraph URLs, identity provider, internal signing key, legacy admin URLs).
 */
import { startBackends } from '../stack/backends.ts';

const backends = await startBackends({ ports: 'random' });
console.log(JSON.stringify({
  subgraphs: Object.fromEntries(Object.values(backends.subgraphs).map((s) => [s.name, s.url])),
  legacy: Object.fromEntries(Object.values(backends.legacy).map((h) => [h.system, h.url])),
  idp: { issuer: backends.idp.issuer, jwksUrl: backends.idp.jwksUrl, audience: backends.idp.audience },
  internalPrivateKeyPem: backends.internalKeys.privateKeyPem,
  customerToken: await backends.idp.tokenFor('customer'),
}));
process.on('SIGTERM', () => { backends.stop().then(() => process.exit(0)); });
