/**
 * One channel's operations -> one persisted query manifest. Every operation must parse, be the single
 * named operation of its file, carry a name unique in the channel and validate against the supergraph's
 * API schema; otherwise nothing is built and the error names every offending operation and file.
 *
 * The body is graphql-js's `print` of the file's document: comments and formatting go, so the id (the
 * body's SHA-256) changes only when the operation itself does.
 */
import { GraphQLError, parse, print, validate, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { MANIFEST_FORMAT, MANIFEST_VERSION, operationId, type ManifestOperation, type PersistedQueryManifest } from '../../contracts/manifest-format.ts';
import type { OperationFile } from './read-operations.ts';

export class InvalidOperationsError extends Error {
  constructor(readonly problems: string[]) {
    super(`Persisted operations not generated:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

function parseFile(op: OperationFile): DocumentNode {
  try {
    return parse(op.source);
  } catch (error) {
    throw new InvalidOperationsError([`${op.file} is not valid GraphQL: ${error instanceof GraphQLError ? error.message : String(error)}`]);
  }
}

function operationOf(document: DocumentNode, file: string): OperationDefinitionNode & { name: NonNullable<OperationDefinitionNode['name']> } {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition');
  const [operation] = operations;
  if (operations.length !== 1 || !operation) throw new InvalidOperationsError([`${file} must hold exactly one operation (found ${operations.length}).`]);
  if (!operation.name) throw new InvalidOperationsError([`${file}: the operation has no name (clients and the manifest refer to operations by name).`]);
  return operation as OperationDefinitionNode & { name: NonNullable<OperationDefinitionNode['name']> };
}

function manifestOperation(op: OperationFile, schema: GraphQLSchema): ManifestOperation {
  const document = parseFile(op);
  const operation = operationOf(document, op.file);
  const errors = validate(schema, document);
  if (errors.length > 0) {
    throw new InvalidOperationsError([`Operation ${operation.name.value} (${op.file}) does not validate against the supergraph: ${errors.map((e) => e.message).join(' ')}`]);
  }
  const body = print(document);
  return { id: operationId(body), name: operation.name.value, type: operation.operation, body };
}

export function buildManifest(files: readonly OperationFile[], apiSchema: GraphQLSchema): PersistedQueryManifest {
  const problems: string[] = [];
  const operations: ManifestOperation[] = [];
  for (const file of files) {
    try {
      operations.push(manifestOperation(file, apiSchema));
    } catch (error) {
      if (!(error instanceof InvalidOperationsError)) throw error;
      problems.push(...error.problems);
    }
  }
  const seen = new Set<string>();
  for (const op of operations) {
    if (seen.has(op.name)) problems.push(`Operation name ${op.name} is used twice in ${files[0]?.channel}: names must be unique per channel.`);
    seen.add(op.name);
  }
  if (problems.length > 0) throw new InvalidOperationsError(problems);
  operations.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { format: MANIFEST_FORMAT, version: MANIFEST_VERSION, operations };
}
