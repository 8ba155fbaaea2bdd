/** `npm run identity -- --port 4100`: the development identity provider on its own. */
import { parseArgs } from 'node:util';
import { startIdentityProvider } from './server.ts';

const { values } = parseArgs({ options: { port: { type: 'string', default: process.env['PASSERELLE_IDP_PORT'] ?? '4100' } } });
const idp = await startIdentityProvider({ port: Number(values.port) });
console.log(`Identity provider at ${idp.issuer} (JWKS ${idp.jwksUrl}); demo users: ${idp.users.map((u) => u.username).join(', ')}`);
const stop = () => { idp.close().then(() => process.exit(0)); };
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
