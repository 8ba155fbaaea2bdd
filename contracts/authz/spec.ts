/**
 * Passerelle's authorization directives: one source of truth, written in each subgraph's schema.graphql,
 * composed into the supergraph with @composeDirective, and enforced twice: by the gateway before planning
 * and by graphql-shield in every subgraph. Each subgraph declares them verbatim (AUTHZ_SDL).
 *
 * A directive on an object type applies to every field of that type; a directive on a field adds to its
 * type's. All the rules that apply must allow (AND). `@public` says, explicitly, that anyone may read.
 */
export const AUTHZ_SPEC_URL = 'https://passerelle.dev/authz/v1.0';

export const AUTHZ_DIRECTIVES = ['@public', '@authenticated', '@requiresRole', '@requiresScopes', '@policy'] as const;

/** What every subgraph declares, verbatim, after its federation @link. */
export const AUTHZ_SDL = `
directive @public on OBJECT | FIELD_DEFINITION
directive @authenticated on OBJECT | FIELD_DEFINITION
directive @requiresRole(roles: [String!]!) on OBJECT | FIELD_DEFINITION
directive @requiresScopes(scopes: [[String!]!]!) on OBJECT | FIELD_DEFINITION
directive @policy(name: String!) on OBJECT | FIELD_DEFINITION
`;

export type Rule =
  | { kind: 'public' }
  | { kind: 'authenticated' }
  | { kind: 'roles'; roles: readonly string[] }
  /** Any one of the inner lists, all scopes of which the principal holds (Apollo's semantics). */
  | { kind: 'scopes'; anyOf: readonly (readonly string[])[] }
  | { kind: 'policy'; name: string };
