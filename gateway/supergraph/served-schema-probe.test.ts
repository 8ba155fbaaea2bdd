import { createServer } from 'node:http';
import { describe, expect, it } from 'vitest';
import { INTERNAL_TOKEN_HEADER } from '../../contracts/internal-token.ts';
import { normaliseSubgraphSdl, probeServedSchema } from './served-schema-probe.ts';

const PUBLISHED = `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
# a comment
type Query { product(id: ID!): Product }
type Product @key(fields: "id") { id: ID! }
extend type Product { "Selling point." tagline: String }
`;
/** What a subgraph built from PUBLISHED prints as `_service { sdl }`: merged, reordered, with federation's machinery. */
const SERVED = `
schema @link(url: "https://specs.apollo.dev/link/v1.0") { query: Query }
directive @key(fields: federation__FieldSet!, resolvable: Boolean = true) repeatable on OBJECT | INTERFACE
scalar federation__FieldSet
scalar _Any
type _Service { sdl: String }
type Product @key(fields: "id") { id: ID! "Selling point." tagline: String }
type Query { _service: _Service! product(id: ID!): Product }
`;

describe('a subgraph\'s served schema against its published one', () => {
  it('compares schemas, not how they were written', () => {
    expect(normaliseSubgraphSdl(SERVED)).toBe(normaliseSubgraphSdl(PUBLISHED));
    expect(normaliseSubgraphSdl(SERVED.replace('tagline: String', 'tagline: Int'))).not.toBe(normaliseSubgraphSdl(PUBLISHED));
    expect(normaliseSubgraphSdl(SERVED.replace('"Selling point." tagline: String', ''))).not.toBe(normaliseSubgraphSdl(PUBLISHED));
  });

  it('asks with a token signed for that subgraph, and says why a subgraph does not serve the schema', async () => {
    const seen: (string | undefined)[] = [];
    let sdl = SERVED;
    const server = createServer((req, res) => {
      seen.push(req.headers[INTERNAL_TOKEN_HEADER] as string | undefined);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: { _service: { sdl } } }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
    const sign = async (_p: unknown, subgraph: string) => `token-for-${subgraph}`;
    try {
      expect(await probeServedSchema({ name: 'catalog', url, publishedSdl: PUBLISHED }, sign)).toBeNull();
      expect(seen).toEqual(['token-for-catalog']);
      sdl = SERVED.replace('"Selling point." tagline: String', '');
      expect(await probeServedSchema({ name: 'catalog', url, publishedSdl: PUBLISHED }, sign)).toMatch(/serves another schema/);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect(await probeServedSchema({ name: 'catalog', url, publishedSdl: PUBLISHED }, sign, 500)).toMatch(/catalog at .* is unreachable/);
  });
});
