/** `npm run identity -- --port 4100`: the development identity provider on its own. */
import { orUsageError, parseCommandLine } from '../../contracts/lib/cli.ts';
import { DEFAULT_PORTS, offsetPort } from '../../contracts/lib/stack-addresses.ts';
import { startIdentityProvider } from './server.ts';

const USAGE = `Usage: npm run identity -- [--port N]

The development identity provider on its own (demo users, JWKS, password grant).

  --port N     PASSERELLE_IDP_PORT; default 4100 moved by PASSERELLE_PORT_OFFSET
  -h, --help   this text`;

const { values } = parseCommandLine({
  usage: USAGE,
  options: { port: { type: 'string' } },
});
const idp = await startIdentityProvider({ port: Number(values.port ?? process.env['PASSERELLE_IDP_PORT'] ?? orUsageError(USAGE, () => offsetPort(DEFAULT_PORTS.identity))) });
console.log(`Identity provider at ${idp.issuer} (JWKS ${idp.jwksUrl}); demo users: ${idp.users.map((u) => u.username).join(', ')}`);
const stop = () => { idp.close().then(() => process.exit(0)); };
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
