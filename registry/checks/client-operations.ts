/**
 * Checks every registered client operation (each client version's persisted query manifest) against the
 * would-be API schema. An operation is BROKEN by the candidate when it works with the current supergraph
 * and, with the candidate, either no longer validates (removed field, new required argument...) or still
 * validates but uses an element a breaking change touches (a field retyped from String to Int validates,
 * yet the app decoding a string breaks).
 *
 * An operation that already fails against the current supergraph (or that nothing can be compared with,
 * before the first supergraph exists) is not broken BY this candidate: blocking an unrelated team for it
 * would make the registry unusable (and the first publishes impossible). It is reported as a warning.
 */
import { parse, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { DesignWarning } from '../../schema/composition/design-rules.ts';
import type { BrokenOperation, ClientOperations, SchemaChange } from '../types.ts';
import { touchedBy } from './breaking-changes.ts';
import { elementsUsed } from './operation-usage.ts';

export interface OperationsCheck { broken: BrokenOperation[]; notServable: DesignWarning[] }

const parsed = (body: string): DocumentNode | string => {
  try { return parse(body); } catch (error) { return (error as Error).message; }
};

const messagesOf = (schema: GraphQLSchema, document: DocumentNode | string): string[] =>
  typeof document === 'string' ? [document] : validate(schema, document).map((e) => e.message);

export function checkClientOperations(
  clients: readonly ClientOperations[],
  before: GraphQLSchema | null,
  after: GraphQLSchema,
  breaking: readonly SchemaChange[],
): OperationsCheck {
  const touching = before ? breaking.map((change) => ({ change, keys: touchedBy(change, before) })) : [];
  const result: OperationsCheck = { broken: [], notServable: [] };
  for (const client of clients) {
    for (const operation of client.operations) {
      const named = { client: client.client, clientVersion: client.clientVersion, channel: client.channel, operation: operation.name };
      const document = parsed(operation.body);
      const afterErrors = messagesOf(after, document);
      const beforeErrors = before ? messagesOf(before, document) : null;
      if (beforeErrors === null || beforeErrors.length > 0) {
        if (afterErrors.length > 0) {
          result.notServable.push({
            rule: 'operation-not-servable',
            coordinate: `${named.client}@${named.clientVersion} ${named.channel}/${named.operation}`,
            message: `Registered operation ${named.operation} of ${named.client} ${named.clientVersion} does not validate against ${before ? 'the current supergraph either' : 'the first supergraph'}, so this change does not break it: ${afterErrors.join(' ')}`,
          });
        }
        continue;
      }
      const used = elementsUsed(before as GraphQLSchema, document as DocumentNode);
      const touched = touching.filter((t) => t.keys.some((k) => used.has(k))).map((t) => `Breaking change it uses: ${t.change.description}`);
      const errors = [...afterErrors, ...touched];
      if (errors.length > 0) result.broken.push({ ...named, errors });
    }
  }
  return result;
}
