import JSZip from 'jszip';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { findLeaks, readOutput, type Secret } from '../src/editions/leaks.js';
import { imageMetadataText } from '../src/editions/leaks/images.js';
import { cleanImage } from '../src/load/image-format.js';
import { exifTiff, jpegIccSegment, jpegMetadataSegments, jpegSegment, jpegWith, pngChunk, pngTextChunks, pngWith } from './helpers/images.js';

const SENTENCE = 'The trust fund will receive four million dollars from Ruritania next year';
const CANARY = 'ogp-pack canary 3HV8 image gate';
const SECRETS: Secret[] = [
  { paper: 'A withheld paper', kind: 'text', text: SENTENCE },
  { paper: 'A withheld paper', kind: 'canary', text: CANARY },
];
const words = (text: string | undefined) => (text ?? '').replace(/\s+/g, ' ');

describe('the leak gate reads image metadata', () => {
  const [comment, exif, xmp, iptc] = jpegMetadataSegments(SENTENCE);
  it.each([
    ['a JPEG comment', jpegWith([comment!])],
    ['JPEG EXIF strings', jpegWith([exif!])],
    ['JPEG EXIF in UTF-16 (Windows XPComment)', jpegWith([jpegSegment(0xe1, Buffer.concat([Buffer.from('Exif\0\0MM', 'latin1'), Buffer.from(SENTENCE, 'utf16le')]))])],
    ['JPEG XMP', jpegWith([xmp!])],
    ['JPEG IPTC', jpegWith([iptc!])],
    ['bytes after a JPEG ends', jpegWith([], { trailer: Buffer.from(SENTENCE, 'latin1') })],
    ['a damaged JPEG', jpegWith([comment!]).subarray(0, 300)],
  ])('%s', (_, bytes) => {
    expect(words(imageMetadataText(bytes))).toContain(SENTENCE);
  });

  const [text, ztxt, itxt, itxtCompressed, exifChunk] = pngTextChunks(SENTENCE);
  it.each([
    ['a PNG tEXt chunk', text!],
    ['a PNG zTXt chunk (compressed)', ztxt!],
    ['a PNG iTXt chunk', itxt!],
    ['a PNG iTXt chunk (compressed)', itxtCompressed!],
    ['a PNG eXIf chunk', exifChunk!],
    ['an unknown PNG chunk', pngChunk('prVt', Buffer.from(SENTENCE, 'latin1'))],
  ])('%s', (_, chunk) => {
    expect(words(imageMetadataText(pngWith([chunk])))).toContain(SENTENCE);
  });

  it('and not in pixels: a plain image has no metadata text, other bytes are no image', () => {
    expect(words(imageMetadataText(pngWith([])))).not.toContain(SENTENCE);
    expect(imageMetadataText(Buffer.from('<xml/>'))).toBeUndefined();
    expect(exifTiff(SENTENCE).includes(Buffer.from(SENTENCE))).toBe(true);
  });
});

/** A DOCX-shaped zip holding one image in word/media. */
async function docxWith(image: Uint8Array, name: string): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
  zip.file('word/document.xml', '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Chart</w:t></w:r></w:p></w:body></w:document>');
  zip.file(`word/media/${name}`, image);
  return zip.generateAsync({ type: 'uint8array' });
}

/** A PDF with one image, drawn by pdfkit as the renderer draws images. */
function pdfWith(image: Uint8Array, compress = true): Promise<Uint8Array> {
  return new Promise((resolve) => {
    const doc = new PDFDocument({ compress });
    const pieces: Buffer[] = [];
    doc.on('data', (piece: Buffer) => pieces.push(piece));
    doc.on('end', () => resolve(Buffer.concat(pieces)));
    doc.image(Buffer.from(image), 72, 72, { width: 100 });
    doc.end();
  });
}

describe('the leak gate over outputs with images', () => {
  const jpeg = jpegWith([jpegIccSegment(), ...jpegMetadataSegments(SENTENCE), jpegSegment(0xfe, Buffer.from(CANARY, 'latin1'))]);
  const png = pngWith(pngTextChunks(`${SENTENCE}. ${CANARY}`));

  it.each([
    ['JPEG', jpeg, 'image1.jpeg'],
    ['PNG', png, 'image1.png'],
  ])('finds metadata of a %s in word/media, and none once it is stripped', async (type, image, name) => {
    const leaks = findLeaks('pack-public.docx', await readOutput('pack-public.docx', await docxWith(image, name)), SECRETS);
    expect(leaks.map((d) => d.reason).sort()).toEqual([
      `image metadata of word/media/${name} contains text of the withheld paper "A withheld paper". This edition must not carry it: find what put it there (the edition filter, a renderer, or another document quoting the paper) and remove it, or allow shared boilerplate in check.yaml (\`withheld_text: allow\`).`,
      `image metadata of word/media/${name} contains the canary of the withheld paper "A withheld paper". This edition must not carry it: find what put it there (the edition filter, a renderer, or another document quoting the paper) and remove it.`,
    ]);
    const clean = await cleanImage(image, type === 'JPEG' ? 'jpg' : 'png');
    expect(findLeaks('pack-public.docx', await readOutput('pack-public.docx', await docxWith(clean.bytes, name)), SECRETS)).toEqual([]);
  });

  it('finds the metadata of a JPEG that pdfkit copied into a PDF, and none once it is stripped', async () => {
    const pdf = await pdfWith(jpeg);
    expect(Buffer.from(pdf).includes(jpeg)).toBe(true);
    const leaks = findLeaks('pack-public.pdf', await readOutput('pack-public.pdf', pdf), SECRETS);
    expect(leaks.map((d) => d.reason.split(' contains ')[0])).toEqual(['image metadata in the PDF', 'image metadata in the PDF']);
    expect(leaks.map((d) => d.reason)).toContainEqual(expect.stringContaining('contains the canary of the withheld paper "A withheld paper"'));
    const clean = await cleanImage(jpeg, 'jpg');
    expect(findLeaks('pack-public.pdf', await readOutput('pack-public.pdf', await pdfWith(clean.bytes)), SECRETS)).toEqual([]);
  });

  it('finds nothing of a PNG in a PDF: pdfkit keeps its pixels and drops its chunks', async () => {
    // Uncompressed, so that a tEXt or iTXt chunk copied into the file would show as it is.
    const pdf = await pdfWith(png, false);
    expect(Buffer.from(png).includes(Buffer.from(CANARY))).toBe(true);
    expect(Buffer.from(pdf).includes(Buffer.from(CANARY))).toBe(false);
    expect(findLeaks('pack-public.pdf', await readOutput('pack-public.pdf', pdf), SECRETS)).toEqual([]);
  });
});
