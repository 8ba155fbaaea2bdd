import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderSchemaDocs } from './render-schema-docs.ts';

const supergraphSdl = readFileSync(new URL('../../schema/supergraph.graphql', import.meta.url), 'utf8');
const { markdown } = renderSchemaDocs(supergraphSdl);

/** The Markdown from a heading to the next heading of the same or a higher level. */
function section(heading: string): string {
  const start = markdown.indexOf(`${heading}\n`);
  if (start < 0) throw new Error(`no section ${heading}`);
  const level = /^#+/.exec(heading)?.[0].length ?? 0;
  const next = markdown.slice(start + heading.length).search(new RegExp(`\\n#{1,${level}} `));
  return next < 0 ? markdown.slice(start) : markdown.slice(start, start + heading.length + next);
}

describe('the schema documentation', () => {
  it('documents a type in its owner\'s domain, with its description, who resolves it and its rules', () => {
    const catalog = section('## Domain `catalog`');
    const offering = section('### `ProductOffering`');
    expect(catalog).toContain(offering);
    expect(offering).toContain('> Something the organisation sells (TM Forum ProductOffering)');
    expect(offering).toContain('Entity (key `id`), resolved by **catalog** (owner), **inventory**. Referenced (not resolved) by ordering.');
    expect(offering).toContain('Access rules on the type (they apply to every field): `@public`.');
    expect(offering).toMatch(/\| `availability` \| \[`ProductAvailability`\]\(#productavailability\) \| inventory \| the type's \| Whether and how soon/);
    expect(offering).toMatch(/\| `partnerPrice` \| \[`Money`\]\(#money\) \| catalog \| the type's \+ `@requiresRole\(roles: \["partner", "agent"\]\)` \[`@policy\(name: "partner-channel"\)`\]\(#policy-partner-channel\) \|/);
  });

  it('puts each domain\'s root fields first, with their arguments and rules', () => {
    const party = section('## Domain `party`');
    expect(party.indexOf('### Queries')).toBeLessThan(party.indexOf('### `Customer`'));
    expect(party).toMatch(/\| `me` \| \[`Customer`\]\(#customer\) \| `@authenticated` \|/);
    expect(section('## Domain `ordering`')).toMatch(/### Mutations[\s\S]*\| `placeOrder\(input: PlaceOrderInput!\)` \|/);
    expect(section('## Domain `catalog`')).toContain('| `productOfferings(first: Int = 10, after: String, categoryId: ID)` |');
  });

  it('lists shared value types apart, and explains each policy with where it applies', () => {
    expect(section('## Shared types')).toContain('### `Money`');
    expect(section('## Domain `billing`')).not.toContain('### `Money`');
    expect(section('### policy partner-channel')).toContain('Partners through the partner portal');
    expect(section('### policy bill-reader')).toMatch(/A data policy[\s\S]*Applied to `CustomerBill`/);
  });

  it('documents only what clients see: no join__ machinery, no inaccessible cache-hint enum', () => {
    expect(markdown).not.toMatch(/### `(join__|link__|CacheControlScope)|`_entities|`_service/);
    expect(markdown).toMatch(/### `Warehouse`/);
  });

  it('is committed up to date in docs/schema.md (run "npm run docs" after changing the supergraph)', () => {
    expect(readFileSync(new URL('../../docs/schema.md', import.meta.url), 'utf8')).toBe(markdown);
  });
});
