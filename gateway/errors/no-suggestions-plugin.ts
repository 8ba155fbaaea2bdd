/**
 * Production: no "Did you mean ...?" in any error. graphql-js suggests field, argument, type and enum
 * value names close to a mistyped one, which lets a caller map a schema whose introspection is off.
 *
 * Armor's block-field-suggestions does this job but its Apollo variant (the only one for Apollo Server)
 * matches only `Did you mean "x"` and leaves the trailing "?", and misses `Did you mean the enum value
 * "X"?`: hence this equivalent, which removes the whole suggestion sentence, whatever it suggests.
 */
import type { ApolloServerPlugin } from '@apollo/server';

const SUGGESTION = /\s*Did you mean [^?]*\?/g;

export function withoutSuggestions(message: string): string {
  return message.replace(SUGGESTION, '');
}

export function useNoFieldSuggestions(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        // Every error of a request (validation, variable coercion, execution) passes here before formatError.
        async didEncounterErrors({ errors }) {
          for (const error of errors) error.message = withoutSuggestions(error.message);
        },
      };
    },
  };
}
