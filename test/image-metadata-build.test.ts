/**
 * A public paper whose images carry a withheld paper's sentence and canary in their metadata (JPEG
 * comment, EXIF, XMP, IPTC, trailer; PNG tEXt, zTXt, iTXt, eXIf), built for real. The outputs are
 * read with readers other than the renderers: the DOCX zip's word/media, the PDF's bytes, pdfjs,
 * and in client tests poppler's pdfimages and qpdf.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildPack, type BuildResult } from '../src/build/build.js';
import { FORMATS } from '../src/build/formats.js';
import { memoryTree } from '../src/io/source-tree.js';
import { cleanImage, jpegSegments, pngChunks } from '../src/load/image-format.js';
import { describeWithTools } from './helpers/client-tools.js';
import { decodedPixels, ICC_PROFILE, jpegIccSegment, jpegMetadataSegments, jpegWith, pngIccChunk, pngTextChunks, pngWith } from './helpers/images.js';
import { openPdf } from './helpers/pdf.js';
import { COMMITTEE_EDITION, MINIMAL_MEETING, MINIMAL_SESSION } from './helpers/trees.js';

const SENTENCE = 'The trust fund will receive four million dollars from Ruritania next year';
const CANARY = 'ogp-pack canary 5MD2 image metadata';
const PLANTED = `${SENTENCE}. ${CANARY}`;

const PHOTO = jpegWith([jpegIccSegment(), ...jpegMetadataSegments(PLANTED)], { width: 24, height: 16, trailer: Buffer.from(PLANTED, 'latin1') });
const CHART = pngWith([pngIccChunk(), ...pngTextChunks(PLANTED)], { width: 20, height: 10 });
const OVERLAY = pngWith(pngTextChunks(PLANTED), { width: 10, height: 10, alpha: true });

const FILES = {
  'meeting.yaml': `${MINIMAL_MEETING}${COMMITTEE_EDITION}`,
  'sessions/only.yaml': `${MINIMAL_SESSION}    papers: [figures, secret]\n`,
  'papers/figures.md': '---\nid: figures\ntitle: Figures\nstatus: included\n---\n\nA photograph.\n\n![The venue](photo.jpg)\n\nA chart.\n\n![Contributions](chart.png)\n\n![Overlay](overlay.png)\n',
  'papers/secret.md': `---\nid: secret\ntitle: Ruritanian contributions\npublic_title: A concept note\nstatus: withheld\nreason: pre-decision\ncanary: ${CANARY}\n---\n\n${SENTENCE}.\n`,
  'papers/photo.jpg': PHOTO,
  'papers/chart.png': CHART,
  'papers/overlay.png': OVERLAY,
};

const has = (bytes: Uint8Array, text: string) => Buffer.from(bytes).includes(Buffer.from(text, 'latin1'));
const segmentNames = (bytes: Uint8Array) => jpegSegments(bytes).map((s) => s.name);

let build: BuildResult;
const output = (suffix: string) => build.outputs!.find((o) => o.name.endsWith(suffix))!.bytes;

beforeAll(async () => {
  build = await buildPack(memoryTree(FILES), { formats: FORMATS }, { SOURCE_DATE_EPOCH: '1445860800' });
}, 120_000);

describe('images with metadata in a public paper', () => {
  it('build without a leak: the metadata never reached an output', () => {
    expect(build.diagnostics.map((d) => d.reason)).toEqual([]);
    expect(build.outputs!.map((o) => o.name).sort()).toEqual(['committee/manifest.json', 'committee/test-pack-committee.docx', 'committee/test-pack-committee.pdf', 'public/manifest.json', 'public/test-pack-public.docx', 'public/test-pack-public.pdf']);
  });

  it.each(['public', 'committee'])('are in the %s DOCX without metadata, with their colour profile and the same pixels', async (edition) => {
    const zip = await JSZip.loadAsync(output(`${edition}.docx`));
    const media = Object.keys(zip.files).filter((name) => name.startsWith('word/media/')).sort();
    expect(media).toHaveLength(3);
    const images = await Promise.all(media.map((name) => zip.files[name]!.async('uint8array')));
    for (const image of images) {
      expect(has(image, CANARY)).toBe(false);
      expect(has(image, 'Ruritania')).toBe(false);
    }
    const jpeg = images.find((image) => image[0] === 0xff)!;
    expect(segmentNames(jpeg)).toEqual(['FFD8', 'FFE0', 'FFE2', 'FFDB', 'FFC0', 'FFC4', 'FFDA', 'entropy', 'FFD9']);
    expect(Buffer.from(jpeg).includes(ICC_PROFILE)).toBe(true);
    expect(decodedPixels(jpeg)).toEqual(decodedPixels(PHOTO));
    const pngs = images.filter((image) => image[0] === 0x89);
    expect(pngs.map((png) => pngChunks(png).map((c) => c.name))).toEqual(expect.arrayContaining([['IHDR', 'iCCP', 'IDAT', 'IEND'], ['IHDR', 'IDAT', 'IEND']]));
    expect(pngs.map((png) => decodedPixels(png))).toEqual(expect.arrayContaining([decodedPixels(CHART), decodedPixels(OVERLAY)]));
  });

  it('are in the public PDF without metadata: the JPEG stream is the stripped file', async () => {
    const pdf = output('public.pdf');
    const stripped = (await cleanImage(PHOTO, 'jpg')).bytes;
    expect(Buffer.from(pdf).includes(Buffer.from(stripped))).toBe(true);
    expect(has(pdf, CANARY)).toBe(false);
    // pdfjs draws all three images.
    const doc = await openPdf(pdf);
    let drawn = 0;
    for (let n = 1; n <= doc.numPages; n++) {
      const { fnArray } = await (await doc.getPage(n)).getOperatorList();
      drawn += fnArray.filter((op) => op === OPS.paintImageXObject).length;
    }
    expect(drawn).toBe(3);
    await doc.destroy();
  });
});

describeWithTools(['pdfimages', 'qpdf'], 'images in the public PDF, read by poppler and qpdf', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'ogp-pack-images-'));
    writeFileSync(path.join(dir, 'public.pdf'), output('public.pdf'));
    execFileSync('pdfimages', ['-all', path.join(dir, 'public.pdf'), path.join(dir, 'image')]);
    execFileSync('qpdf', ['--qdf', '--object-streams=disable', '--decode-level=generalized', path.join(dir, 'public.pdf'), path.join(dir, 'open.pdf')]);
  });

  it('pdfimages finds the JPEG without metadata and with its colour profile, and the PNG pixels unchanged', () => {
    const files = readdirSync(dir).filter((f) => f.startsWith('image-')).sort();
    const jpegs = files.filter((f) => f.endsWith('.jpg')).map((f) => readFileSync(path.join(dir, f)));
    expect(jpegs).toHaveLength(1);
    expect(segmentNames(jpegs[0]!)).toEqual(['FFD8', 'FFE0', 'FFE2', 'FFDB', 'FFC0', 'FFC4', 'FFDA', 'entropy', 'FFD9']);
    expect(jpegs[0]!.includes(ICC_PROFILE)).toBe(true);
    expect(decodedPixels(jpegs[0]!)).toEqual(decodedPixels(PHOTO));
    const pngs = files.filter((f) => f.endsWith('.png')).map((f) => decodedPixels(readFileSync(path.join(dir, f))));
    expect(pngs).toContainEqual(decodedPixels(CHART));
  });

  it('qpdf, with every stream but the JPEG decompressed, shows none of the metadata', () => {
    const open = readFileSync(path.join(dir, 'open.pdf'));
    expect(open.includes(Buffer.from('The trust fund will receive'))).toBe(false);
    expect(open.includes(Buffer.from(CANARY))).toBe(false);
    expect(open.includes(Buffer.from('Photoshop 3.0'))).toBe(false);
    expect(open.includes(Buffer.from('Exif\0\0'))).toBe(false);
  });
});
