/**
 * The small schema the focused tests of gateway/limits and gateway/authorization measure documents against: a
 * tree of nodes with sized and unsized lists, and a union whose members select different lists.
 */
import { buildSchema } from 'graphql';

export const LIMITS_TEST_SCHEMA = buildSchema(`
  type Query { node: Node nodes(first: Int): [Node!]! hello(x: [[[Int]]]): String party: Party parties(first: Int): [Party!]! }
  type Node { id: ID child: Node children(first: Int): [Node!]! }
  union Party = Person | Company
  interface Named { name: String }
  type Person implements Named { id: ID name: String friends(first: Int): [Node!]! }
  type Company implements Named { id: ID name: String staff(first: Int): [Node!]! offices: [Node!]! }
`);
