/**
 * The DOCX zip writer and the faces deflated once per process: the writer gives the bytes JSZip
 * gives for the same entries, Info-ZIP reads what it writes, and a face taken from the per-process
 * store is the face asked for.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadLayout, type FontFiles, type Layout } from '../src/plan/template.js';
import { markdownToDocx } from '../src/render/docx/engine.js';
import { finishDocx, obfuscateFont } from '../src/render/docx/ooxml.js';
import { deflate, writeZip } from '../src/render/docx/zip.js';
import { all, openDocx, R, W } from './helpers/docx.js';

const DATE = new Date(Date.UTC(2015, 9, 26, 13, 47, 31));

/** Text long enough to span several of JSZip's chunks, and bytes that do not compress. */
const longText = Array.from({ length: 6000 }, (_, i) => `<w:p><w:r><w:t>Paragraph ${i} of the pack, ${(i * 7919) % 1009}</w:t></w:r></w:p>`).join('');
const noise = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 2654435761) >>> 24);

const ENTRIES: [string, Uint8Array][] = [
  ['[Content_Types].xml', new TextEncoder().encode('<?xml version="1.0" encoding="UTF-8"?><Types/>')],
  ['word/document.xml', new TextEncoder().encode(`<w:document>${longText}</w:document>`)],
  ['word/empty.xml', new Uint8Array(0)],
  ['word/media/carte-de-la-région-ñ.png', noise],
];

async function jszipBytes(entries: readonly [string, Uint8Array][]): Promise<Uint8Array> {
  const zip = new JSZip();
  for (const [name, data] of entries) zip.file(name, data, { date: DATE, createFolders: false });
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 6 }, platform: 'DOS' });
}

describe('the zip writer', () => {
  it('writes the bytes JSZip writes for the same entries: long, empty, incompressible, and with a non-ASCII name', async () => {
    const ours = writeZip(ENTRIES.map(([name, data]) => ({ name, content: deflate(data) })), DATE);
    expect(Buffer.from(ours).equals(Buffer.from(await jszipBytes(ENTRIES)))).toBe(true);
  });

  it('is read back whole by Info-ZIP and by JSZip', async () => {
    const bytes = writeZip(ENTRIES.map(([name, data]) => ({ name, content: deflate(data) })), DATE);
    const dir = mkdtempSync(path.join(tmpdir(), 'ogp-zip-'));
    try {
      writeFileSync(path.join(dir, 'x.zip'), bytes);
      // `unzip -t` checks every entry's CRC against its inflated bytes.
      expect(execFileSync('unzip', ['-t', path.join(dir, 'x.zip')], { encoding: 'utf8' })).toMatch(/No errors detected/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const zip = await JSZip.loadAsync(bytes);
    expect(Object.keys(zip.files)).toEqual(ENTRIES.map(([name]) => name));
    for (const [name, data] of ENTRIES) expect(Buffer.from(await zip.file(name)!.async('uint8array')).equals(Buffer.from(data))).toBe(true);
    expect(zip.file('word/document.xml')!.date.toISOString()).toBe('2015-10-26T13:47:30.000Z');
  });

});

describe('faces deflated once per process', () => {
  let layout: Layout;
  let fonts: FontFiles;
  beforeAll(async () => {
    ({ layout, fonts } = (await loadLayout()) as { layout: Layout; fonts: FontFiles });
  });

  const finish = async (files: FontFiles) =>
    finishDocx(await markdownToDocx({ type: 'root', children: [{ type: 'paragraph', children: [{ type: 'text', value: 'Text' }] }] }), {
      sections: [{ running: false }],
      header: 'Short title',
      footer: 'Public edition',
      footerColour: 'A61B1B',
      page: 'Page \u0000PAGE\u0000',
      font: { family: layout.fonts.family, files },
      date: DATE,
      language: 'en',
      title: 'Title',
      subject: 'Subject',
      keywords: '',
      creator: 'Organisation',
      tableStyle: '',
      bullets: ['•'],
      pages: {},
    });

  /** Each embedded face, read back to its TTF with the key the font table gives it. */
  async function embeddedFaces(bytes: Uint8Array): Promise<Record<string, Uint8Array>> {
    const docx = await openDocx(bytes);
    const font = all(await docx.xml('word/fontTable.xml'), 'font').find((f) => f.getAttributeNS(W, 'name') === layout.fonts.family)!;
    const targets = new Map(Array.from((await docx.xml('word/_rels/fontTable.xml.rels')).getElementsByTagName('Relationship')).map((r) => [r.getAttribute('Id'), r.getAttribute('Target')]));
    const faces: Record<string, Uint8Array> = {};
    for (const embed of ['embedRegular', 'embedBold', 'embedItalic', 'embedBoldItalic']) {
      const node = all(font, embed)[0]!;
      const data = await docx.zip.file(`word/${targets.get(node.getAttributeNS(R, 'id'))}`)!.async('uint8array');
      faces[embed] = obfuscateFont(data, node.getAttributeNS(W, 'fontKey')!.slice(1, -1));
    }
    return faces;
  }

  it('embeds the faces asked for, when the same faces were embedded before in other places', async () => {
    await finish(fonts);
    const swapped = await embeddedFaces(await finish({ regular: fonts.bold, bold: fonts.regular, italic: fonts.boldItalic, boldItalic: fonts.italic }));
    expect(Buffer.from(swapped.embedRegular!).equals(Buffer.from(fonts.bold))).toBe(true);
    expect(Buffer.from(swapped.embedBold!).equals(Buffer.from(fonts.regular))).toBe(true);
    expect(Buffer.from(swapped.embedItalic!).equals(Buffer.from(fonts.boldItalic))).toBe(true);
    expect(Buffer.from(swapped.embedBoldItalic!).equals(Buffer.from(fonts.italic))).toBe(true);
  });
});
