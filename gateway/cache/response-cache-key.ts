/**
 * Cache keys of a response: everything that changes the answer, and nothing else. The operation is keyed
 * by its normalised text (graphql-js `print` of the document actually run, after authorization removed
 * what the caller may not see), so comments, whitespace and commas never make new keys; variables by the
 * values of the variables the operation declares, in a canonical order, so undeclared or reordered
 * variables do not either. Then the channel and the authorization context: the role and scopes for public
 * data, the subject too for private data. No response can reach a principal who could not have received it.
 */
import { createHash } from 'node:crypto';
import { print, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import type { Principal } from '../../contracts/principal.ts';

export interface ResponseCacheKeys { public: string; private: string | null }

// Apollo Server keeps one parsed document per query text (and authorization one per filtered operation),
// so most requests find their signature here without printing anything.
const signatures = new WeakMap<DocumentNode, string>();

export function documentSignature(document: DocumentNode): string {
  let signature = signatures.get(document);
  if (signature === undefined) {
    signature = createHash('sha256').update(print(document)).digest('base64url');
    signatures.set(document, signature);
  }
  return signature;
}

/** JSON with object keys sorted at every level: equal values, equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The values of the variables `operation` declares (absent ones as null), in declaration order. */
export function declaredVariables(operation: OperationDefinitionNode | undefined, variables: Record<string, unknown> | undefined): unknown[] {
  return (operation?.variableDefinitions ?? []).map((definition) => variables?.[definition.variable.name.value] ?? null);
}

export function responseCacheKeys(operationKey: string, operationName: string | undefined, variables: unknown[], principal: Principal): ResponseCacheKeys {
  const base = createHash('sha256')
    .update(canonicalJson([operationKey, operationName ?? null, variables, principal.channel, principal.role, [...principal.scopes].sort()]))
    .digest('base64url');
  return { public: `${base}:pub`, private: principal.subject ? `${base}:u:${principal.subject}` : null };
}
