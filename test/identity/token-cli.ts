/**
 * `npm run token -- --as customer` prints a token for a demo user from the running identity provider.
 *   --as customer | customer-many | customer:<id> | partner[:<id>] | agent[:<id>]
 *   --idp URL     the identity provider (default http://127.0.0.1:4100, or PASSERELLE_IDP_URL)
 *   --header      print the JSON to paste into Sandbox's Headers panel instead of the bare token
 */
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: { as: { type: 'string', default: 'customer' }, idp: { type: 'string' }, header: { type: 'boolean', default: false } },
});
const idp = values.idp ?? process.env['PASSERELLE_IDP_URL'] ?? 'http://127.0.0.1:4100';
try {
  const res = await fetch(`${idp}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', username: values.as, password: 'demo' }),
  });
  const body = (await res.json()) as { access_token?: string; error?: string };
  if (!body.access_token) {
    console.error(`No token for "${values.as}" (${body.error ?? res.status}). Users: customer, customer-many, customer:<id>, partner[:<id>], agent[:<id>].`);
    process.exit(2);
  }
  console.log(values.header ? JSON.stringify({ Authorization: `Bearer ${body.access_token}` }) : body.access_token);
} catch {
  console.error(`The identity provider does not answer at ${idp}: start the stack with "npm start" first.`);
  process.exit(1);
}
