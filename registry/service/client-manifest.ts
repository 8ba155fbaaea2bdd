/**
 * A client version's operations, as its build sends them (`PUT /clients/:client/versions/:version/operations`):
 * a persisted query manifest in Apollo's format, the same file `npm run persisted` writes. Each id must
 * be its body's SHA-256 (what the gateway checks too), each body one named operation that validates
 * against the current supergraph: an operation that does not work today cannot be protected by checks.
 */
import { createHash } from 'node:crypto';
import { parse, validate, type GraphQLSchema } from 'graphql';
import { z } from 'zod';
import { CHANNELS } from '../../contracts/principal.ts';
import type { ClientOperations } from '../types.ts';
import { RegistryError } from './registry-error.ts';

const manifestSchema = z.object({
  format: z.literal('apollo-persisted-query-manifest'),
  version: z.literal(1),
  /** The client's channel, when clients.json does not register the client. */
  channel: z.enum(CHANNELS).optional(),
  operations: z.array(z.object({ id: z.string(), name: z.string().min(1), type: z.string().optional(), body: z.string().min(1) })).max(10_000),
});

/** A client name or version in a URL: what clients send in apollographql-client-name / -version. */
export const CLIENT_LABEL = /^[A-Za-z0-9][A-Za-z0-9._+<>=*| -]{0,99}$/;

export function parseClientManifest(
  client: string, clientVersion: string, body: unknown, registeredChannel: string | undefined, api: GraphQLSchema | null,
): ClientOperations {
  if (!CLIENT_LABEL.test(client) || !CLIENT_LABEL.test(clientVersion)) throw new RegistryError('BAD_REQUEST', 'Not a client name or version.');
  const parsed = manifestSchema.safeParse(body);
  if (!parsed.success) throw new RegistryError('BAD_REQUEST', `Not a persisted query manifest: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const channel = registeredChannel ?? parsed.data.channel;
  if (!channel) throw new RegistryError('BAD_REQUEST', `${client} is not registered in clients.json: give its channel in the manifest ("channel").`);
  if (parsed.data.channel && registeredChannel && parsed.data.channel !== registeredChannel) {
    throw new RegistryError('BAD_REQUEST', `${client} belongs to the ${registeredChannel} channel, not ${parsed.data.channel}.`);
  }
  const problems: string[] = [];
  for (const op of parsed.data.operations) {
    if (createHash('sha256').update(op.body).digest('hex') !== op.id) { problems.push(`${op.name}: id is not the SHA-256 of its body`); continue; }
    let errors: string[];
    try {
      const document = parse(op.body);
      const named = document.definitions.filter((d) => d.kind === 'OperationDefinition');
      errors = named.length !== 1 || named[0]?.name?.value !== op.name ? [`the body must hold exactly one operation, named ${op.name}`]
        : api ? validate(api, document).map((e) => e.message) : [];
    } catch (error) {
      errors = [(error as Error).message];
    }
    if (errors.length > 0) problems.push(`${op.name}: ${errors.join(' ')}`);
  }
  if (problems.length > 0) throw new RegistryError('BAD_REQUEST', `Operations refused: ${problems.join('; ')}`, { operations: problems });
  return { client, clientVersion, channel, operations: parsed.data.operations.map(({ id, name, body }) => ({ id, name, body })) };
}
