/**
 * Design warnings on a candidate (they never block a publish): missing and conflicting descriptions,
 * naming conventions, lists that should be connections. Each concerns only elements the candidate
 * subgraph defines, so that a team is not warned about another team's schema. Descriptions are read on
 * the would-be API schema, where an entity's owner describes fields that extending subgraphs only comment.
 */
import type { DocumentNode, GraphQLSchema } from 'graphql';
import { conflictingDescriptions, missingDescriptions, type DesignWarning } from '../../schema/composition/design-rules.ts';
import { connectionWarnings } from './connection-rule.ts';
import { namingWarnings } from './naming-rules.ts';
import { subgraphCoordinates } from './subgraph-coordinates.ts';

export interface DesignInput {
  /** The candidate's parsed schema; null when it does not parse (composition reports why). */
  candidate: DocumentNode | null;
  /** The would-be API schema; null when composition failed. */
  api: GraphQLSchema | null;
  hints: readonly string[];
}

export function designWarnings({ candidate, api, hints }: DesignInput): DesignWarning[] {
  if (!candidate) return [];
  const own = new Set(subgraphCoordinates(candidate).keys());
  const ours = (w: DesignWarning) => own.has(w.coordinate);
  return [
    ...(api ? missingDescriptions(api).filter(ours) : []),
    ...conflictingDescriptions(hints).filter(ours),
    ...namingWarnings(candidate),
    ...(api ? connectionWarnings(api, own) : []),
  ];
}
