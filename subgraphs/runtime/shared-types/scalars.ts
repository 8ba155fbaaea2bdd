/**
 * Scalars shared by the subgraphs. Values are produced by our own resolvers, already in canonical form
 * (ISO dates, decimal strings), so these mostly document and check the wire format.
 */
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

function stringScalar(name: string, description: string, pattern: RegExp): GraphQLScalarType {
  const check = (value: unknown): string => {
    if (typeof value !== 'string' || !pattern.test(value)) {
      throw new GraphQLError(`${name} cannot represent ${JSON.stringify(value)}`, { extensions: { code: 'BAD_USER_INPUT' } });
    }
    return value;
  };
  return new GraphQLScalarType({
    name, description, serialize: check, parseValue: check,
    parseLiteral: (ast) => check(ast.kind === Kind.STRING ? ast.value : undefined),
  });
}

export const DateScalar = stringScalar('Date', 'A calendar date, ISO 8601 (YYYY-MM-DD).', /^\d{4}-\d{2}-\d{2}$/);
export const DateTimeScalar = stringScalar('DateTime', 'An instant, ISO 8601 in UTC.', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
export const DecimalScalar = stringScalar('Decimal', 'An exact decimal number as a string, e.g. "19.99".', /^-?\d+(\.\d+)?$/);
