import fc from 'fast-check';
import { parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { Principal } from '../../contracts/principal.ts';
import { canonicalJson, declaredVariables, documentSignature, responseCacheKeys } from './response-cache-key.ts';

const VISITOR: Principal = { role: 'anonymous', subject: null, scopes: [], channel: 'web', client: null };
const operationOf = (source: string) => parse(source).definitions[0] as OperationDefinitionNode;

describe('response cache keys', () => {
  it('are the same whatever comments, whitespace and commas the document carries', () => {
    const plain = documentSignature(parse('query Q($id: ID!) { productOffering(id: $id) { id name } }'));
    const noisy = documentSignature(parse('# a comment that changes\nquery Q(  $id : ID! ) {\n productOffering(id: $id) , { id, name # more\n } }'));
    expect(noisy).toBe(plain);
    expect(documentSignature(parse('query Q($id: ID!) { productOffering(id: $id) { id } }'))).not.toBe(plain);
  });

  it('count only the variables the operation declares, in declaration order, whatever the JSON key order', () => {
    const operation = operationOf('query Q($a: Int, $b: Int) { x }');
    const one = declaredVariables(operation, { b: 2, a: 1, junk: 'x'.repeat(1000) });
    const two = declaredVariables(operation, { a: 1, b: 2 });
    expect(one).toEqual([1, 2]);
    expect(responseCacheKeys('op', 'Q', one, VISITOR)).toEqual(responseCacheKeys('op', 'Q', two, VISITOR));
    expect(declaredVariables(operation, {})).toEqual([null, null]);
  });

  it('differ by channel, role, scopes and, for private data, by subject', () => {
    const base = responseCacheKeys('op', 'Q', [], VISITOR);
    expect(base.private).toBeNull();
    expect(responseCacheKeys('op', 'Q', [], { ...VISITOR, channel: 'mobile' }).public).not.toBe(base.public);
    const customer: Principal = { role: 'customer', subject: '1', scopes: ['read'], channel: 'web', client: null };
    const keys = responseCacheKeys('op', 'Q', [], customer);
    expect(keys.public).not.toBe(base.public);
    expect(keys.private).not.toBe(responseCacheKeys('op', 'Q', [], { ...customer, subject: '2' }).private);
    expect(responseCacheKeys('op', 'Q', [], { ...customer, scopes: ['read', 'write'] }).public).not.toBe(keys.public);
  });

  it('canonical JSON is the same for equal values, whatever the key order', () => {
    fc.assert(fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (value) => {
      const reversed = Object.fromEntries(Object.entries(value).reverse());
      expect(canonicalJson(reversed)).toBe(canonicalJson(value));
      expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
    }));
  });
});
