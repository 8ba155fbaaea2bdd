/**
 * `npm run token -- --as customer` prints a token for a demo user from the running identity provider.
 *   --as customer | customer-many | customer:<id> | partner[:<id>] | agent[:<id>]
 *   --client web | mobile   the app a customer's token is issued to (default web); partners get tokens for
 *                 the partner portal, agents for the agent desk (a full client name is accepted too)
 *   --idp URL     the identity provider (default http://127.0.0.1:4100, or PASSERELLE_IDP_URL)
 *   --header      print the JSON to paste into Sandbox's Headers panel instead of the bare token: the token
 *                 and the client it was issued to, as apollographql-client-name / -version
 */
import { parseArgs } from 'node:util';

const SHORT_NAMES: Readonly<Record<string, string>> = { web: 'passerelle-web', mobile: 'passerelle-mobile' };
/** A version every registered client accepts (clients/clients.json). */
const DEMO_VERSION = '1.0.0';

const { values } = parseArgs({
  options: { as: { type: 'string', default: 'customer' }, client: { type: 'string' }, idp: { type: 'string' }, header: { type: 'boolean', default: false } },
});
const idp = values.idp ?? process.env['PASSERELLE_IDP_URL'] ?? 'http://127.0.0.1:4100';
const client = values.client === undefined ? undefined : SHORT_NAMES[values.client] ?? values.client;
try {
  const res = await fetch(`${idp}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', username: values.as, password: 'demo', ...(client ? { client_id: client } : {}) }),
  });
  const body = (await res.json()) as { access_token?: string; error?: string };
  if (!body.access_token) {
    const hint = body.error === 'unauthorized_client'
      ? `"${values.as}" does not sign in with ${client}: customers use --client web or mobile; partners and agents need no --client.`
      : 'Users: customer, customer-many, customer:<id>, partner[:<id>], agent[:<id>].';
    console.error(`No token for "${values.as}" (${body.error ?? res.status}). ${hint}`);
    process.exit(2);
  }
  const issuedTo = (JSON.parse(Buffer.from(body.access_token.split('.')[1] ?? '', 'base64url').toString()) as { azp?: string }).azp;
  console.log(values.header
    ? JSON.stringify({ Authorization: `Bearer ${body.access_token}`, ...(issuedTo ? { 'apollographql-client-name': issuedTo, 'apollographql-client-version': DEMO_VERSION } : {}) })
    : body.access_token);
} catch {
  console.error(`The identity provider does not answer at ${idp}: start the stack with "npm start" first.`);
  process.exit(1);
}
