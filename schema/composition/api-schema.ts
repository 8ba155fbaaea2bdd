/** The API schema of a supergraph (what clients see: no join__/link__ machinery, no @inaccessible), as SDL. */
import { Supergraph } from '@apollo/federation-internals';
import { printSchema } from 'graphql';

export function printSupergraphApiSchema(supergraphSdl: string): string {
  return printSchema(Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema());
}
