/**
 * `npm run token -- --as customer` prints a token for a demo user from the running identity provider
 * (the one `npm start` runs, found through contracts/lib/stack-addresses.ts, on whatever ports).
 */
import { orUsageError, parseCommandLine } from '../../contracts/lib/cli.ts';
import { serviceUrl } from '../../contracts/lib/stack-addresses.ts';
import { sandboxHeadersLine } from './sandbox-headers.ts';

const USAGE = `Usage: npm run token -- [--as USER] [--client web|mobile|NAME] [--idp URL] [--header]

Prints a token for a demo user from the running identity provider.

  --as USER      customer (default) | customer-many | customer:<id> | partner[:<id>] | agent[:<id>]
  --client APP   the app a customer's token is issued to: web (default) or mobile (a full client name is
                 accepted too); partners get tokens for the partner portal, agents for the agent desk
  --idp URL      the identity provider (PASSERELLE_IDP_URL; default: the running "npm start" stack, else
                 http://127.0.0.1:4100 moved by PASSERELLE_PORT_OFFSET)
  --header       print the JSON to paste into Sandbox's Headers panel (the same as "npm start" shows):
                 the token and the client it was issued to, as apollographql-client-name / -version
  -h, --help     this text`;

const SHORT_NAMES: Readonly<Record<string, string>> = { web: 'passerelle-web', mobile: 'passerelle-mobile' };

const { values } = parseCommandLine({
  usage: USAGE,
  options: { as: { type: 'string', default: 'customer' }, client: { type: 'string' }, idp: { type: 'string' }, header: { type: 'boolean', default: false } },
});
const idp = orUsageError(USAGE, () => serviceUrl('identity', values.idp));
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
  console.log(values.header ? sandboxHeadersLine(body.access_token) : body.access_token);
} catch {
  console.error(`The identity provider does not answer at ${idp}: start the stack with "npm start" first (or pass --idp URL).`);
  process.exit(1);
}
