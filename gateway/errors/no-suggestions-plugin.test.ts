import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { useNoFieldSuggestions, withoutSuggestions } from './no-suggestions-plugin.ts';

describe('no suggestions in errors', () => {
  it('removes every kind of graphql-js suggestion, whole', () => {
    expect(withoutSuggestions('Cannot query field "helo" on type "Query". Did you mean "hello"?')).toBe('Cannot query field "helo" on type "Query".');
    expect(withoutSuggestions('Cannot query field "nam" on type "Customer". Did you mean "name", "names", or "nameLine"?')).toBe('Cannot query field "nam" on type "Customer".');
    expect(withoutSuggestions('Variable "$s" got invalid value "OPN" at "s[0]"; Value "OPN" does not exist in "OrderState" enum. Did you mean the enum value "OPEN"?'))
      .toBe('Variable "$s" got invalid value "OPN" at "s[0]"; Value "OPN" does not exist in "OrderState" enum.');
    expect(withoutSuggestions('Unknown type "Custmer". Did you mean "Customer"? Field "x" is not defined by type "In". Did you mean "y"?')).toBe('Unknown type "Custmer". Field "x" is not defined by type "In".');
    expect(withoutSuggestions('Int cannot represent non-integer value: "abc"')).toBe('Int cannot represent non-integer value: "abc"');
  });

  it('rewrites the errors of a request before they are formatted', async () => {
    const listener = await useNoFieldSuggestions().requestDidStart?.({} as never);
    const errors = [new GraphQLError('Unknown argument "mss" on field "Query.slow". Did you mean "ms"?')];
    await listener?.didEncounterErrors?.({ errors } as never);
    expect(errors[0]?.message).toBe('Unknown argument "mss" on field "Query.slow".');
  });
});
