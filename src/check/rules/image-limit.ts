import { crc32 } from 'node:zlib';
import { examplePaper as paper } from '../examples.js';
import type { Rule } from '../rule.js';

/** The bytes of a PNG chunk: length, type, data, CRC. */
function chunk(type: string, data: number[]): number[] {
  const body = [...type].map((c) => c.charCodeAt(0)).concat(data);
  const be = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
  return [...be(data.length), ...body, ...be(crc32(Uint8Array.from(body)))];
}

/** A PNG whose header declares 20,000 × 20,000 pixels and holds no image data: 1.6 GB to decode. */
const DECLARED_PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...chunk('IHDR', [0, 0, 0x4e, 0x20, 0, 0, 0x4e, 0x20, 8, 6, 0, 0, 0]), ...chunk('IEND', [])]);
/** A JPEG whose frame header declares 30,000 × 20,000 pixels, after a JFIF header. */
const JFIF = [0xff, 0xe0, 0, 16, ...[...'JFIF\0'].map((c) => c.charCodeAt(0)), 1, 1, 0, 0, 1, 0, 1, 0, 0];
const DECLARED_JPEG = Uint8Array.from([0xff, 0xd8, ...JFIF, 0xff, 0xc0, 0, 17, 8, 0x4e, 0x20, 0x75, 0x30, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1, 0xff, 0xd9]);
/** A 4 × 3 red PNG. */
const SMALL_PNG = Uint8Array.from(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAQAAAADCAIAAAA7ljmRAAAAEElEQVR4nGP4z8AARww4OQD1MQv1NXv7ggAAAABJRU5ErkJggg==', 'base64'));

const showing = (file: string) => paper('a', 'status: included', `\n![Chart](${file})\n`);

export const imageLimit: Rule = {
  id: 'image-limit',
  doc: 'An image may have at most 20 million pixels (width × height) and 6 MB (6,291,456 bytes), checked before anything of it is decoded: a header alone can declare a size that takes gigabytes to decode, and the PDF renderer decodes PNG images with transparency in memory. A full A4 page at 300 dpi is 8.7 million pixels, so about 2500 pixels on the long side is enough for any printed figure. Save the image smaller.',
  severity: 'error',
  configurable: false,
  examples: [
    {
      title: 'a PNG header declaring 20,000 × 20,000 pixels',
      files: { 'papers/a.md': showing('chart.png'), 'papers/chart.png': DECLARED_PNG },
      messages: ['papers/a.md:7:1-7:20: Image "chart.png" is 20000 × 20000 pixels (400 million); an image may have at most 20 million pixels. Save it smaller: about 2500 pixels on the long side prints a full page at 300 dpi.'],
    },
    {
      title: 'a JPEG frame header declaring 30,000 × 20,000 pixels',
      files: { 'papers/a.md': showing('photo.jpg'), 'papers/photo.jpg': DECLARED_JPEG },
      messages: ['papers/a.md:7:1-7:20: Image "photo.jpg" is 30000 × 20000 pixels (600 million); an image may have at most 20 million pixels. Save it smaller: about 2500 pixels on the long side prints a full page at 300 dpi.'],
    },
    { title: 'a small image', files: { 'papers/a.md': showing('chart.png'), 'papers/chart.png': SMALL_PNG }, messages: [] },
  ],
};
