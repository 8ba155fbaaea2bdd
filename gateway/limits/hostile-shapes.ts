/**
 * The hostile document shapes the limits are proven against, written once for the unit and property
 * tests, the end-to-end test and the benchmark. Each is small text that a naive pass expands into a huge
 * amount of work: fragments spreading the next one twice (2^levels selections in a few hundred bytes),
 * inline fragments nested thousands deep (a stack overflow in a recursive parser), floods of aliases or
 * directives, and many branches on an abstract type.
 */

/** Where the fan-out sits: at the root (`...F0` on the root type) or inside a field of type `type`. */
export interface FanOutPlace { field?: string; type: string; leaf: string }

export const ROOT_FAN_OUT: FanOutPlace = { type: 'Query', leaf: '__typename' };

/** `{ ...F0 } fragment F0 on T { ...F1 ...F1 }` ... `fragment Fn on T { leaf }`: 2^levels leaves expanded. */
export function fragmentFanOut(levels: number, place: FanOutPlace = ROOT_FAN_OUT, copies = 2): string {
  const spreads = (i: number) => Array.from({ length: copies }, () => `...F${i}`).join(' ');
  let text = place.field ? `query { ${place.field} { ...F0 } }` : 'query { ...F0 }';
  for (let i = 0; i < levels; i++) text += ` fragment F${i} on ${place.type} { ${spreads(i + 1)} }`;
  return `${text} fragment F${levels} on ${place.type} { ${place.leaf} }`;
}

/** `{ ... on Query { ... on Query { ... __typename } } }`, `levels` deep. */
export function nestedInlineFragments(levels: number, type = 'Query'): string {
  return `{ ${`... on ${type} { `.repeat(levels)}__typename ${'} '.repeat(levels)}}`;
}

/** `{ a0: field a1: field ... }`. */
export function aliasFlood(count: number, field = 'hello'): string {
  return `{ ${Array.from({ length: count }, (_, i) => `a${i}: ${field}`).join(' ')} }`;
}

/** `{ field @skip(if: false) field @skip(if: false) ... }`: one directive per selection, the selections merging. */
export function directiveFlood(count: number, field = '__typename', subselection = ''): string {
  return `{ ${`${field} @skip(if: false) ${subselection ? `{ ${subselection} } ` : ''}`.repeat(count)}}`;
}

/** `{ field { ... on T0 { leaf } ... on T1 { leaf } ... } }` over the given member types, `repeat` times each. */
export function wideBranches(field: string, members: readonly string[], leaf: string, repeat = 1): string {
  const branches = Array.from({ length: repeat }, () => members.map((m) => `... on ${m} { ${leaf} }`).join(' ')).join(' ');
  return `{ ${field} { ${branches} } }`;
}

/** `{ field(arg: [[[ ... ]]]) }`: a list value nested `levels` deep. */
export function nestedListValue(levels: number, field = 'hello', argument = 'x'): string {
  return `{ ${field}(${argument}: ${'['.repeat(levels)}1${']'.repeat(levels)}) }`;
}
