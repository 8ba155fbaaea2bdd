import { describe, expect, it } from 'vitest';
import { isoDateFromLegacy, mediaUrl, priceOfType, toProductOffering } from './mapping.ts';

const MEDIA = 'https://cdn.example.com/catalogue';

describe('Catalogue mapping', () => {
  it('turns string cents into Money by price type', () => {
    const prices = [
      { priceType: 'PARTNER', amount: '76020', currencyCode: 'EUR' },
      { priceType: 'LIST', amount: '108600', currencyCode: 'EUR' },
    ];
    expect(priceOfType(prices, 'LIST')).toEqual({ amount: '1086.00', currency: 'EUR' });
    expect(priceOfType(prices, 'PARTNER')).toEqual({ amount: '760.20', currency: 'EUR' });
    expect(priceOfType([{ priceType: 'LIST', amount: '5', currencyCode: 'EUR' }], 'LIST')).toEqual({ amount: '0.05', currency: 'EUR' });
    expect(priceOfType([{ priceType: 'LIST', amount: '12.50', currencyCode: 'EUR' }], 'LIST')).toBeNull();
    expect(priceOfType([{ priceType: 'LIST', amount: '100', currencyCode: 'euro' }], 'LIST')).toBeNull();
    expect(priceOfType(null, 'LIST')).toBeNull();
  });

  it('turns YYYYMMDD into ISO dates, and nonsense into null', () => {
    expect(isoDateFromLegacy('20240131')).toBe('2024-01-31');
    expect(isoDateFromLegacy('20240229')).toBe('2024-02-29');
    expect(isoDateFromLegacy('20230229')).toBeNull();
    expect(isoDateFromLegacy('2024-01-31')).toBeNull();
    expect(isoDateFromLegacy(undefined)).toBeNull();
  });

  it('builds image URLs under the media root, refusing paths that would leave it', () => {
    expect(mediaUrl(MEDIA, '/media/PO-0001/thumb.svg')).toBe(`${MEDIA}/PO-0001/thumb.svg`);
    expect(mediaUrl(MEDIA, '/media/../admin/x.svg')).toBeNull();
    expect(mediaUrl(MEDIA, 'http://evil.example.com/x.svg')).toBeNull();
    expect(mediaUrl(MEDIA, '/other/PO-0001/thumb.svg')).toBeNull();
  });

  it('rewrites legacy media URLs, absolute ones included, to the public base: the legacy host never reaches a client', () => {
    const GATEWAY = 'http://127.0.0.1:4000/media';
    expect(mediaUrl(GATEWAY, 'http://catalogue.internal:8080/media/PO-0001/large.svg')).toBe(`${GATEWAY}/PO-0001/large.svg`);
    expect(mediaUrl(GATEWAY, 'HTTPS://catalogue.internal/media/PO-0001/v2/thumb.png')).toBe(`${GATEWAY}/PO-0001/v2/thumb.png`);
    for (const legacy of [
      'http://catalogue.internal/media/../secrets/x.svg', 'http://catalogue.internal/media/%2e%2e/x.svg', 'http://catalogue.internal/media/PO-1/x.svg?sig=1',
      'http://user:pw@catalogue.internal/media/PO-1/x.svg', 'http://catalogue.internal', 'ftp://catalogue.internal/media/PO-1/x.svg',
      '/media//etc/passwd', '/media/PO-1/', '/media/.hidden', '//catalogue.internal/media/PO-1/x.svg', '/media/http://evil.example.com/x.svg',
      'media/PO-1/x.svg', '', '/media/PO-1/x\\y.svg',
    ]) expect(mediaUrl(GATEWAY, legacy), legacy).toBeNull();
    expect(mediaUrl(GATEWAY, null)).toBeNull();
  });

  it('maps a whole record, flags included', () => {
    const offering = toProductOffering({
      productCode: 'PO-0042', label: 'Router Pro 3', longDescription: 'A router.', categoryCode: 'CAT-05',
      launchDate: '20250704', prices: [{ priceType: 'LIST', amount: '4999', currencyCode: 'EUR' }],
      media: { thumb: '/media/PO-0042/thumb.svg', medium: null, large: '/media/PO-0042/large.svg' }, bundle: 'Y',
    }, MEDIA);
    expect(offering).toEqual({
      id: 'PO-0042', name: 'Router Pro 3', description: 'A router.', categoryId: 'CAT-05',
      price: { amount: '49.99', currency: 'EUR' }, partnerPrice: null,
      images: { thumbnailUrl: `${MEDIA}/PO-0042/thumb.svg`, mediumUrl: null, largeUrl: `${MEDIA}/PO-0042/large.svg` },
      launchedOn: '2025-07-04', isBundle: true,
    });
    expect(toProductOffering({ productCode: 'PO-1', bundle: 'maybe' }, MEDIA).isBundle).toBeNull();
  });
});
