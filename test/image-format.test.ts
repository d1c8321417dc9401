import { readFileSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { cleanImage, ImageFormatError, jpegSegments, pngChunks } from '../src/load/image-format.js';
import { IMAGE_LIMITS } from '../src/load/images.js';
import { fileTree } from '../src/io/source-tree.js';
import { readPack } from '../src/pipeline.js';
import { chunksOf, decodedPixels, ICC_PROFILE, jpegDeclaring, jpegIccSegment, jpegMetadataSegments, jpegSegment, jpegWith, pngChunk, pngDeclaring, pngIccChunk, pngTextChunks, pngWith } from './helpers/images.js';
import { BUDGET_PAPER, smallPack } from './helpers/small-pack.js';
import { CONTENT_DIR, contentTree, lineOf } from './helpers/trees.js';

const CANARY = 'ogp-pack canary 7ZK1 image metadata';
const has = (bytes: Uint8Array, text: string) => Buffer.from(bytes).includes(Buffer.from(text, 'latin1'));
/** The JPEG segment names, as `FFxx`, in file order. */
const segmentNames = (bytes: Uint8Array) => jpegSegments(bytes, true).map((s) => s.name);

describe('stripping JPEG metadata', () => {
  const adobe = jpegSegment(0xee, Buffer.from('Adobe\0\x64\0\0\0\0\x01', 'latin1'));
  const original = jpegWith([jpegIccSegment(), adobe, ...jpegMetadataSegments(CANARY)], { trailer: Buffer.from(`motion photo ${CANARY}`, 'latin1') });

  it('drops comments, EXIF, XMP, IPTC and bytes after the end, and keeps JFIF, the ICC profile and Adobe', async () => {
    expect(segmentNames(original)).toEqual(['FFD8', 'FFE0', 'FFE2', 'FFEE', 'FFFE', 'FFE1', 'FFE1', 'FFED', 'FFDB', 'FFC0', 'FFC4', 'FFDA', 'entropy', 'FFD9', 'trailer']);
    const { bytes, width, height } = await cleanImage(original, 'jpg');
    expect(segmentNames(bytes)).toEqual(['FFD8', 'FFE0', 'FFE2', 'FFEE', 'FFDB', 'FFC0', 'FFC4', 'FFDA', 'entropy', 'FFD9']);
    expect([width, height]).toEqual([16, 8]);
    expect(has(original, CANARY)).toBe(true);
    expect(has(bytes, CANARY)).toBe(false);
    expect(has(bytes, 'Exif')).toBe(false);
    expect(Buffer.from(bytes).includes(ICC_PROFILE)).toBe(true);
  });

  it('keeps the pixels: tables and scan data are the same bytes, and decode to the same image', async () => {
    const { bytes } = await cleanImage(original, 'jpg');
    const pixelParts = (b: Uint8Array) => jpegSegments(b, true).filter((s) => ['FFDB', 'FFC0', 'FFC4', 'FFDA', 'entropy'].includes(s.name)).map((s) => Buffer.from(b.subarray(s.start, s.end)));
    expect(pixelParts(bytes)).toEqual(pixelParts(original));
    expect(decodedPixels(bytes)).toEqual(decodedPixels(original));
  });

  it("drops a JFIF header's thumbnail and keeps the header", async () => {
    const thumbnail = jpegSegment(0xe0, Buffer.concat([Buffer.from('JFIF\0\x01\x02\0\0\x48\0\x48\x02\x01', 'latin1'), Buffer.from(CANARY.slice(0, 6), 'latin1')]));
    const plain = jpegWith([]);
    const withThumbnail = Buffer.concat([plain.subarray(0, 2), thumbnail, plain.subarray(2 + 18)]);
    const { bytes } = await cleanImage(withThumbnail, 'jpg');
    expect(Buffer.from(bytes.subarray(2, 20))).toEqual(Buffer.from('\xff\xe0\x00\x10JFIF\0\x01\x02\0\0\x48\0\x48\0\0', 'latin1'));
    expect(decodedPixels(bytes)).toEqual(decodedPixels(plain));
  });

  it('walks progressive scans: tables and comments between scans, restart markers and stuffed bytes inside them', async () => {
    const sof2 = jpegSegment(0xc2, Buffer.from([8, 0, 8, 0, 8, 1, 1, 0x11, 0]));
    const dht = jpegSegment(0xc4, Buffer.from([0, ...Array(16).fill(0)]));
    const sos = jpegSegment(0xda, Buffer.from([1, 1, 0, 0, 63, 0]));
    const scan = (n: number) => Buffer.from([n, 0xff, 0x00, n, 0xff, 0xd0, n]);
    const comment = jpegSegment(0xfe, Buffer.from(CANARY, 'latin1'));
    const parts = [Buffer.from([0xff, 0xd8]), sof2, dht, sos, scan(1), dht, comment, sos, scan(2), Buffer.from([0xff, 0xff, 0xd9])];
    const { bytes } = await cleanImage(Buffer.concat(parts), 'jpg');
    expect(segmentNames(bytes)).toEqual(['FFD8', 'FFC2', 'FFC4', 'FFDA', 'entropy', 'FFC4', 'FFDA', 'entropy', 'FFD9']);
    expect(Buffer.from(bytes)).toEqual(Buffer.concat([parts[0]!, sof2, dht, sos, scan(1), dht, sos, scan(2), parts.at(-1)!]));
  });

  it.each([
    ['cut short in its scan data', (j: Buffer) => j.subarray(0, j.length - 40), /is cut short/],
    ['cut short in a segment', (j: Buffer) => j.subarray(0, 30), /is cut short/],
    ['without a frame header', (j: Buffer) => Buffer.concat([j.subarray(0, 20), Buffer.from([0xff, 0xda, 0, 2, 1, 2, 0xff, 0xd9])]), /no frame header/],
    ['not a JPEG', () => Buffer.from('GIF89a'), /does not start like a JPEG/],
  ])('is refused when %s', async (_, damage, message) => {
    await expect(cleanImage(damage(jpegWith([])), 'jpg')).rejects.toThrow(ImageFormatError);
    await expect(cleanImage(damage(jpegWith([])), 'jpg')).rejects.toThrow(message);
  });
});

describe('stripping PNG metadata', () => {
  const gama = pngChunk('gAMA', Buffer.from([0, 0, 0xb1, 0x8f]));
  const phys = pngChunk('pHYs', Buffer.from([0, 0, 0x0b, 0x13, 0, 0, 0x0b, 0x13, 1]));
  const valid = pngWith([pngIccChunk(), gama, phys, ...pngTextChunks(CANARY)], { alpha: true });
  const original = Buffer.concat([valid, pngChunk('tEXt', Buffer.from(`After\0${CANARY}`, 'latin1'))]);

  it('drops text chunks, eXIf, tIME and chunks after IEND, and keeps the colour profile, gamma and resolution', async () => {
    expect(chunksOf(original).map(([n]) => n)).toEqual(['IHDR', 'iCCP', 'gAMA', 'pHYs', 'tEXt', 'zTXt', 'iTXt', 'iTXt', 'eXIf', 'tIME', 'IDAT', 'IEND', 'tEXt']);
    const { bytes, width, height } = await cleanImage(original, 'png');
    expect(chunksOf(bytes).map(([n]) => n)).toEqual(['IHDR', 'iCCP', 'gAMA', 'pHYs', 'IDAT', 'IEND']);
    expect([width, height]).toEqual([12, 8]);
    expect(has(original, CANARY)).toBe(true);
    expect(has(bytes, CANARY)).toBe(false);
    expect(chunksOf(bytes).find(([n]) => n === 'iCCP')![1]).toEqual(chunksOf(original).find(([n]) => n === 'iCCP')![1]);
  });

  it('keeps the pixels: the image data is the same bytes, and decodes to the same image', async () => {
    const { bytes } = await cleanImage(original, 'png');
    const idat = (b: Uint8Array) => Buffer.concat(chunksOf(b).filter(([n]) => n === 'IDAT').map(([, d]) => d));
    expect(idat(bytes)).toEqual(idat(original));
    // pngjs refuses the chunk after IEND, so the original's pixels are read without it.
    expect(decodedPixels(bytes)).toEqual(decodedPixels(valid));
    // Every kept chunk still matches its CRC.
    expect(pngChunks(bytes).map((c) => c.name)).toEqual(['IHDR', 'iCCP', 'gAMA', 'pHYs', 'IDAT', 'IEND']);
  });

  const png = pngWith([], { alpha: true });
  const idatAt = png.indexOf('IDAT') - 4;
  const idatLength = png.readUInt32BE(idatAt);
  const withIdat = (data: Buffer) => Buffer.concat([png.subarray(0, idatAt), pngChunk('IDAT', data), png.subarray(idatAt + 12 + idatLength)]);
  const rows = deflateSync(Buffer.alloc(8 * (1 + 12 * 4)));

  it.each([
    ['cut short inside its image data', () => png.subarray(0, idatAt + 20), /is cut short/],
    ['cut short before IEND', () => png.subarray(0, png.length - 12), /is cut short/],
    ['damaged (a CRC does not match)', () => Buffer.concat([png.subarray(0, idatAt + 10), Buffer.from([png[idatAt + 10]! ^ 1]), png.subarray(idatAt + 11)]), /does not match its checksum/],
    ['its image data does not decompress', () => withIdat(Buffer.from('not zlib data at all')), /cannot be decompressed/],
    ['its image data has too few rows', () => withIdat(deflateSync(Buffer.alloc(3 * (1 + 12 * 4)))), /ends before the last row/],
    ['a chunk declares 2 GB', () => Buffer.concat([png.subarray(0, 33), Buffer.from([0x7f, 0xff, 0xff, 0xff]), Buffer.from('IDAT'), png.subarray(41)]), /longer than the rest of the file/],
    ['it has no image data', () => Buffer.concat([png.subarray(0, idatAt), png.subarray(idatAt + 12 + idatLength)]), /has no image data/],
    ['it uses an unknown critical chunk', () => Buffer.concat([png.subarray(0, 33), pngChunk('CgBI', Buffer.from([0, 0, 0, 0])), png.subarray(33)]), /unknown critical chunk/],
  ])('is refused when %s', async (_, damage, message) => {
    await expect(cleanImage(damage(), 'png')).rejects.toThrow(ImageFormatError);
    await expect(cleanImage(damage(), 'png')).rejects.toThrow(message);
  });

  it('counts the rows of an interlaced image pass by pass, as a decoder reads them', async () => {
    // 3 × 3 grey: the seven Adam7 passes hold 2 + 0 + 0 + 2 + 3 + 4 + 4 = 15 bytes with their filter bytes.
    const header = Buffer.from([0, 0, 0, 3, 0, 0, 0, 3, 8, 0, 0, 0, 1]);
    const interlaced = (size: number) => Buffer.concat([png.subarray(0, 8), pngChunk('IHDR', header), pngChunk('IDAT', deflateSync(Buffer.alloc(size))), pngChunk('IEND', Buffer.alloc(0))]);
    expect(decodedPixels(interlaced(15))).toEqual(Buffer.from(Array(9).fill([0, 0, 0, 255]).flat()));
    await expect(cleanImage(interlaced(15), 'png')).resolves.toMatchObject({ width: 3, height: 3 });
    await expect(cleanImage(interlaced(14), 'png')).rejects.toThrow(/ends before the last row/);
  });

  it('accepts image data with exactly its rows', async () => {
    await expect(cleanImage(withIdat(rows), 'png')).resolves.toMatchObject({ width: 12, height: 8 });
  });
});

describe('images as the pack loads them', () => {
  it('have the documented limits', () => expect(IMAGE_LIMITS).toEqual({ pixels: 20_000_000, bytes: 6 * 1024 * 1024 }));

  const paper = (markdown: string) => (text: string) => `${text}\n${markdown}\n`;
  const PAPER = 'papers/joint-declaration.md';

  it('hold the stripped bytes, for every edition and renderer', async () => {
    const jpeg = jpegWith([jpegIccSegment(), ...jpegMetadataSegments(CANARY)]);
    const png = pngWith(pngTextChunks(CANARY));
    const { pack, diagnostics } = await readPack(contentTree({ [PAPER]: paper('![Photo](photo.jpg)\n\n![Chart](chart.png)'), 'papers/photo.jpg': jpeg, 'papers/chart.png': png }));
    expect(diagnostics).toEqual([]);
    for (const [asset, original] of [['papers/photo.jpg', jpeg], ['papers/chart.png', png]] as const) {
      const image = pack!.images!.get(asset)!;
      expect(has(image.bytes, CANARY), asset).toBe(false);
      expect(image.bytes.length, asset).toBeLessThan(original.length);
      expect(decodedPixels(image.bytes), asset).toEqual(decodedPixels(original));
    }
  });

  it.each([
    ['a PNG header declaring 20,000 × 20,000 pixels', pngDeclaring(20000, 20000), 'Image "big.png" is 20000 × 20000 pixels (400 million); an image may have at most 20 million pixels.'],
    ['a JPEG frame header declaring 20,000 × 20,000 pixels', jpegDeclaring(20000, 20000), 'Image "big.png" is 20000 × 20000 pixels (400 million); an image may have at most 20 million pixels.'],
    ['a file over 6 MB', Buffer.concat([pngWith([]), Buffer.alloc(IMAGE_LIMITS.bytes)]), `Image "big.png" is 6 MB (${(IMAGE_LIMITS.bytes + pngWith([]).length).toLocaleString('en')} bytes); an image may be at most 6 MB (6,291,456 bytes).`],
  ])('are refused before decoding: %s', async (_, bytes, message) => {
    const edit = paper('![Big](big.png)');
    const { pack, diagnostics } = await readPack(contentTree({ [PAPER]: edit, 'papers/big.png': bytes }));
    expect(pack).toBeUndefined();
    expect(diagnostics).toHaveLength(1);
    const text = edit(readFileSync(path.join(CONTENT_DIR, PAPER), 'utf8'));
    expect(diagnostics[0]).toMatchObject({ file: `content/${PAPER}`, ruleId: 'image-limit', line: lineOf(text, '![Big]'), column: 1 });
    expect(diagnostics[0]!.reason).toContain(message);
    expect(diagnostics[0]!.reason).toContain('Save it smaller: about 2500 pixels on the long side prints a full page at 300 dpi.');
  });

  it('refuse a file over the byte limit unread, from its size on disk (here 3 GB, sparse)', async () => {
    const dir = smallPack({ 'papers/budget.md': `${BUDGET_PAPER}\n![Big](big.png)\n` });
    const big = path.join(dir, 'content', 'papers', 'big.png');
    writeFileSync(big, pngDeclaring(10, 10));
    truncateSync(big, 3 * 1024 ** 3);
    const { diagnostics } = await readPack(fileTree(path.join(dir, 'content'), 'content'));
    expect(diagnostics.map((d) => [d.ruleId, d.line, d.reason])).toEqual([
      ['image-limit', 9, 'Image "big.png" is 3072 MB (3,221,225,472 bytes); an image may be at most 6 MB (6,291,456 bytes). Save it smaller: about 2500 pixels on the long side prints a full page at 300 dpi.'],
    ]);
  });

  it('accept an image at the pixel limit', async () => {
    // 5000 × 4000 = 20 million pixels, declared by the header; refused only for its missing rows.
    const { diagnostics } = await readPack(contentTree({ [PAPER]: paper('![Wide](wide.png)'), 'papers/wide.png': pngDeclaring(5000, 4000) }));
    expect(diagnostics.map((d) => d.ruleId)).toEqual(['image']);
    expect(diagnostics[0]!.reason).toBe('Image "wide.png" is cut short: its image data ends before the last row. Open it in an image editor and save it again as PNG.');
  });

  it.each([
    ['a truncated PNG', 'chart.png', () => pngWith([]).subarray(0, 60), 'Image "chart.png" is cut short: a chunk is longer than the rest of the file. Open it in an image editor and save it again as PNG.'],
    ['a truncated JPEG', 'photo.jpg', () => jpegWith([]).subarray(0, jpegWith([]).length - 40), 'Image "photo.jpg" is cut short: its image data ends before its end marker (EOI). Open it in an image editor and save it again as JPEG.'],
    ['text saved as .jpg', 'photo.jpg', () => Buffer.from('not an image\n'), 'Image "photo.jpg" is not a PNG or JPEG image. Save it as PNG (drawings, charts) or JPEG (photographs).'],
  ])('report %s at the image, and the pack is not built', async (_, name, bytes, message) => {
    const { pack, diagnostics } = await readPack(contentTree({ [PAPER]: paper(`![Figure](${name})`), [`papers/${name}`]: bytes() }));
    expect(pack).toBeUndefined();
    expect(diagnostics.map((d) => [d.ruleId, d.reason])).toEqual([['image', message]]);
  });

  it('read a JPEG saved with a .png name by its content', async () => {
    const { pack, diagnostics } = await readPack(contentTree({ [PAPER]: paper('![Photo](photo.png)'), 'papers/photo.png': jpegWith([]) }));
    expect(diagnostics).toEqual([]);
    expect(pack!.images!.get('papers/photo.png')).toMatchObject({ type: 'jpg', width: 16, height: 8 });
  });
});
