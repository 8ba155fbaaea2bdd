/**
 * maxTokens and maxNesting, on the document's text, before it is parsed. Why before: graphql-js parses
 * (and validates) recursively, so `{ ... on Query { ... on Query { ...` 5,000 levels deep exhausts the
 * stack inside the parser, and a document of many tokens costs parsing and validation work in proportion.
 * graphql-js's Lexer reads one token at a time (strings, block strings and comments are single tokens, so
 * a brace inside them is not counted) and the scan stops at the first token over either limit: an
 * oversized document costs no more than its first `maxTokens` tokens.
 *
 * Nesting is the depth of `{` and `[`: selection sets, inline fragments, list and object values, every
 * level the parser recurses into. A syntax error ends the scan without a verdict: the parser then reports
 * it, having read no more than the scan did.
 */
import { Lexer, Source, TokenKind } from 'graphql';
import { VISITS } from './bounded-walk.ts';
import type { OperationLimits } from './limits-config.ts';

export interface SourceViolation { limit: 'maxTokens' | 'maxNesting'; max: number }

export function scanSource(text: string, limits: Pick<OperationLimits, 'maxTokens' | 'maxNesting'>): SourceViolation | null {
  const lexer = new Lexer(new Source(text));
  let tokens = 0;
  let nesting = 0;
  try {
    for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
      VISITS.scan += 1;
      if (++tokens > limits.maxTokens) return { limit: 'maxTokens', max: limits.maxTokens };
      if (token.kind === TokenKind.BRACE_L || token.kind === TokenKind.BRACKET_L) {
        if (++nesting > limits.maxNesting) return { limit: 'maxNesting', max: limits.maxNesting };
      } else if (token.kind === TokenKind.BRACE_R || token.kind === TokenKind.BRACKET_R) {
        nesting -= 1;
      }
    }
  } catch {
    return null;
  }
  return null;
}
