/** Small Markdown helpers of the schema docs: table cells, type references linked to their section, rules. */
import {
  getNamedType, isSpecifiedScalarType, print, astFromValue,
  type GraphQLArgument, type GraphQLField, type GraphQLType,
} from 'graphql';
import type { Rule } from '../../contracts/authz/spec.ts';

/** A table cell: one line, pipes escaped. */
export const cell = (text: string | null | undefined): string => (text ?? '').replace(/\s+/g, ' ').trim().replace(/\|/g, '\\|');

/** A multi-line description as a blockquote. */
export const quote = (text: string | null | undefined): string =>
  text ? text.trim().split('\n').map((line) => (line.trim() ? `> ${line.trimEnd()}` : '>')).join('\n') : '';

/** GitHub's anchor of a "### `Name`" heading. */
export const anchorOf = (name: string): string => name.toLowerCase().replace(/[^a-z0-9_ -]/g, '').replace(/ /g, '-');

/** `[Type!]` linked to the named type's section (built-in scalars have none). */
export function typeRef(type: GraphQLType): string {
  const named = getNamedType(type);
  const code = `\`${String(type)}\``;
  return isSpecifiedScalarType(named) ? code : `[${code}](#${anchorOf(named.name)})`;
}

const argument = (arg: GraphQLArgument): string => {
  const defaultValue = arg.defaultValue === undefined ? null : astFromValue(arg.defaultValue, arg.type);
  return `${arg.name}: ${String(arg.type)}${defaultValue ? ` = ${print(defaultValue)}` : ''}`;
};

/** `name(arg: Type = default, ...)` */
export const signature = (field: GraphQLField<unknown, unknown>): string =>
  `\`${field.name}${field.args.length > 0 ? `(${field.args.map(argument).join(', ')})` : ''}\``;

/** The description of a field, its deprecation and its arguments', for one cell. */
export function fieldDescription(field: GraphQLField<unknown, unknown>): string {
  const parts = [cell(field.description)];
  if (field.deprecationReason) parts.push(`**Deprecated**: ${cell(field.deprecationReason)}`);
  const described = field.args.filter((a) => a.description);
  for (const arg of described) parts.push(`Argument \`${arg.name}\`: ${cell(arg.description)}`);
  return parts.filter(Boolean).join('<br>');
}

export function ruleText(rule: Rule): string {
  switch (rule.kind) {
    case 'public': return '`@public`';
    case 'authenticated': return '`@authenticated`';
    case 'roles': return `\`@requiresRole(roles: ${JSON.stringify(rule.roles).replace(/,/g, ', ')})\``;
    case 'scopes': return `\`@requiresScopes(scopes: ${JSON.stringify(rule.anyOf).replace(/,/g, ', ')})\``;
    case 'policy': return `[\`@policy(name: "${rule.name}")\`](#policy-${anchorOf(rule.name)})`;
  }
}

/** The rules that apply, each once, or a dash. */
export const rulesText = (rules: readonly Rule[]): string =>
  rules.length === 0 ? '—' : [...new Set(rules.map(ruleText))].join(' ');

/** A field's access in a type's table: the type's rules are stated once above the table. */
export function fieldAccess(typeRules: readonly Rule[], fieldRules: readonly Rule[]): string {
  if (typeRules.length === 0) return rulesText(fieldRules);
  return fieldRules.length === 0 ? "the type's" : `the type's + ${rulesText(fieldRules)}`;
}
