// Pictures in answers point at the gateway's /media (the catalog subgraph's PASSERELLE_MEDIA_BASE_URL in
// the stack), never at the Catalogue's host, and the gateway streams them from the Catalogue stand-in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2E, type E2E } from './harness.ts';

describe('product pictures through the gateway', () => {
  let e2e: E2E;
  beforeAll(async () => { e2e = await startE2E(); });
  afterAll(() => e2e.stack.stop());

  it('answers picture URLs on the gateway, which serves them', async () => {
    const web = await e2e.as(null, 'web');
    const res = await web.run('{ productOffering(id: "PO-0001") { images { thumbnailUrl mediumUrl largeUrl } } }');
    expect(res.body.errors).toBeUndefined();
    const images = res.body.data.productOffering.images as Record<string, string>;
    const gateway = new URL(e2e.stack.gateway.url).origin;
    expect(JSON.stringify(res.body)).not.toContain(e2e.stack.legacy.catalogue.url);
    for (const url of Object.values(images)) {
      expect(url).toMatch(new RegExp(`^${gateway}/media/PO-0001/(thumb|medium|large)\\.svg$`));
      const picture = await fetch(url);
      expect([picture.status, picture.headers.get('content-type')], url).toEqual([200, 'image/svg+xml']);
      expect(await picture.text()).toMatch(/^<svg /);
    }
  });
});
