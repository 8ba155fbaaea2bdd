/**
 * Naming conventions of the graph (GraphQL's own, as in the spec and TM Forum's GraphQL guides): types
 * PascalCase, fields and arguments camelCase, enum values UPPER_SNAKE_CASE. Checked on the subgraph's
 * document, so that a name is flagged in the subgraph that wrote it. Federation's machinery (`_entities`,
 * `link__Import`...) is not ours to name and is skipped.
 */
import { Kind, type DocumentNode } from 'graphql';
import type { DesignWarning } from '../../schema/composition/design-rules.ts';

const PASCAL = /^[A-Z][A-Za-z0-9]*$/;
const CAMEL = /^[a-z][A-Za-z0-9]*$/;
const UPPER_SNAKE = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/;

const isMachinery = (name: string): boolean => name.startsWith('_') || name.includes('__');
const words = (name: string): string[] => name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').split(/[\s_-]+/).filter(Boolean).map((w) => w.toLowerCase());
const capital = (w: string): string => w.charAt(0).toUpperCase() + w.slice(1);
export const toPascal = (name: string): string => words(name).map(capital).join('');
export const toCamel = (name: string): string => words(name).map((w, i) => (i === 0 ? w : capital(w))).join('');
export const toUpperSnake = (name: string): string => words(name).join('_').toUpperCase();

export function namingWarnings(document: DocumentNode): DesignWarning[] {
  const warnings: DesignWarning[] = [];
  const check = (name: string, coordinate: string, pattern: RegExp, rule: string, what: string, fix: (n: string) => string) => {
    if (isMachinery(name) || pattern.test(name)) return;
    warnings.push({ rule, coordinate, message: `${what} ${coordinate} should be ${rule.replace('naming-', '')}, e.g. ${fix(name)}.` });
  };
  for (const def of document.definitions) {
    if (def.kind === Kind.SCHEMA_DEFINITION || def.kind === Kind.SCHEMA_EXTENSION || def.kind === Kind.DIRECTIVE_DEFINITION) continue;
    if (!('name' in def) || !def.name || isMachinery(def.name.value)) continue;
    const type = def.name.value;
    check(type, type, PASCAL, 'naming-PascalCase', 'Type', toPascal);
    for (const field of 'fields' in def ? def.fields ?? [] : []) {
      const coordinate = `${type}.${field.name.value}`;
      check(field.name.value, coordinate, CAMEL, 'naming-camelCase', 'Field', toCamel);
      for (const arg of 'arguments' in field ? field.arguments ?? [] : []) {
        check(arg.name.value, `${coordinate}(${arg.name.value}:)`, CAMEL, 'naming-camelCase', 'Argument', toCamel);
      }
    }
    for (const value of 'values' in def ? def.values ?? [] : []) {
      check(value.name.value, `${type}.${value.name.value}`, UPPER_SNAKE, 'naming-UPPER_SNAKE_CASE', 'Enum value', toUpperSnake);
    }
  }
  return warnings;
}
