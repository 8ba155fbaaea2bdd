/** The Markdown section of one type of the API schema: what it is, who defines it, its fields and their rules. */
import {
  isEnumType, isInputObjectType, isInterfaceType, isObjectType, isUnionType,
  type GraphQLNamedType,
} from 'graphql';
import type { AccessRules } from '../../contracts/authz/read-rules.ts';
import { cell, fieldAccess, fieldDescription, quote, rulesText, signature, typeRef } from './markdown-format.ts';
import type { Ownership } from './ownership.ts';

export interface DocsContext { ownership: Ownership; rules: AccessRules }

function provenance(type: GraphQLNamedType, { ownership, rules }: DocsContext): string {
  const own = ownership.types.get(type.name);
  if (!own) return '';
  const referencing = own.graphs.filter((g) => !own.resolvable.includes(g));
  const by = own.resolvable.map((g) => (g === own.owner && own.resolvable.length > 1 ? `**${g}** (owner)` : `**${g}**`)).join(', ');
  const sentences = [
    own.keys.length > 0 ? `Entity (key ${own.keys.map((k) => `\`${k}\``).join(', ')}), resolved by ${by}.` : `Defined by ${by}.`,
  ];
  if (referencing.length > 0) sentences.push(`Referenced (not resolved) by ${referencing.join(', ')}.`);
  const typeRules = rules.types.get(type.name) ?? [];
  if (typeRules.length > 0) sentences.push(`Access rules on the type (they apply to every field): ${rulesText(typeRules)}.`);
  return sentences.join(' ');
}

function fieldsTable(type: GraphQLNamedType, { ownership, rules }: DocsContext): string[] {
  if (isObjectType(type) || isInterfaceType(type)) {
    return [
      '| Field | Type | Resolved by | Access | Description |',
      '|---|---|---|---|---|',
      ...Object.values(type.getFields()).map((field) => {
        const resolvedBy = ownership.fields.get(`${type.name}.${field.name}`) ?? [];
        const access = fieldAccess(rules.types.get(type.name) ?? [], rules.fields.get(`${type.name}.${field.name}`) ?? []);
        return `| ${signature(field)} | ${typeRef(field.type)} | ${resolvedBy.join(', ')} | ${access} | ${fieldDescription(field)} |`;
      }),
    ];
  }
  if (isInputObjectType(type)) {
    return [
      '| Input field | Type | Description |',
      '|---|---|---|',
      ...Object.values(type.getFields()).map((f) => `| \`${f.name}\` | ${typeRef(f.type)} | ${cell(f.description)} |`),
    ];
  }
  if (isEnumType(type)) {
    return [
      '| Value | Description |',
      '|---|---|',
      ...type.getValues().map((v) => `| \`${v.name}\` | ${cell(v.description)}${v.deprecationReason ? `<br>**Deprecated**: ${cell(v.deprecationReason)}` : ''} |`),
    ];
  }
  if (isUnionType(type)) return [`One of: ${type.getTypes().map((t) => typeRef(t)).join(', ')}.`];
  return [];
}

const KIND = (type: GraphQLNamedType): string =>
  isObjectType(type) ? 'object' : isInterfaceType(type) ? 'interface' : isUnionType(type) ? 'union'
    : isEnumType(type) ? 'enum' : isInputObjectType(type) ? 'input' : 'scalar';

export function typeSection(type: GraphQLNamedType, context: DocsContext): string {
  const interfaces = isObjectType(type) || isInterfaceType(type) ? type.getInterfaces() : [];
  const lines = [
    `### \`${type.name}\``,
    '',
    `*${KIND(type)}*${interfaces.length > 0 ? `, implements ${interfaces.map((i) => typeRef(i)).join(', ')}` : ''}`,
    '',
    quote(type.description),
    '',
    provenance(type, context),
    '',
    ...fieldsTable(type, context),
  ];
  return lines.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}
