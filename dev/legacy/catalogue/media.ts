/**
 * Product pictures: small SVGs generated from the product code, so that browser clients load images
 * from this machine only and every offering has a distinct, stable picture.
 */
import { createHash } from 'node:crypto';
import type { MediaSize } from './legacy-records.ts';

export const MEDIA_PIXELS: Readonly<Record<MediaSize, number>> = Object.freeze({ thumb: 96, medium: 320, large: 800 });

const escapeXml = (text: string): string =>
  text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] as string);

export function renderProductSvg(code: string, label: string, size: MediaSize): string {
  const px = MEDIA_PIXELS[size];
  const hue = createHash('sha1').update(code).digest()[0] as number;
  // Thumbnails only fit the code; bigger pictures carry the label too.
  const fontSize = size === 'thumb' ? 14 : Math.round(px / 20);
  const caption = size === 'thumb' ? code : `${code} · ${label}`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${px}" height="${px}" viewBox="0 0 ${px} ${px}">`,
    `<rect width="${px}" height="${px}" fill="hsl(${Math.round((hue * 360) / 256)},55%,55%)"/>`,
    `<circle cx="${px / 2}" cy="${px * 0.4}" r="${px / 5}" fill="#ffffff" fill-opacity="0.7"/>`,
    `<text x="50%" y="${Math.round(px * 0.8)}" font-family="sans-serif" font-size="${fontSize}" text-anchor="middle" fill="#ffffff">${escapeXml(caption)}</text>`,
    '</svg>',
  ].join('');
}
