/**
 * Documents `import` refuses, each with a clear error and no file: not a Word document, encrypted
 * or corrupt, a ZIP bomb (declared or hidden), an image linked from outside, macros.
 */
import { DOMParser, XMLSerializer } from '@xmldom/xmldom';
import { Document, ImageRun, Packer, Paragraph, TextRun } from 'docx';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { severityOf } from '../src/diagnostics/diagnostic.js';
import { importDocx } from '../src/import/import.js';
import { PACKAGE_LIMITS } from '../src/import/package.js';
import { everyConstructDocx } from './fixtures/import/every-construct.js';
import { solidPng } from './helpers/png.js';

const OPTIONS = { id: 'memo', source: 'memo.docx', contentLabel: 'content' };

async function plainDocx(text = 'A short memo.'): Promise<Uint8Array> {
  return new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph({ children: [new TextRun(text)] })] }] })));
}

/** The package with `edit` applied to its parts, zipped again. */
async function edited(bytes: Uint8Array, edit: (zip: JSZip) => Promise<void>): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  await edit(zip);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

/** Changes one XML part through a DOM, as a program editing the package would. */
async function editXml(zip: JSZip, name: string, edit: (doc: ReturnType<DOMParser['parseFromString']>) => void): Promise<void> {
  const doc = new DOMParser().parseFromString(await zip.file(name)!.async('string'), 'application/xml');
  edit(doc);
  zip.file(name, new XMLSerializer().serializeToString(doc));
}

async function refusal(bytes: Uint8Array, limits = PACKAGE_LIMITS) {
  const result = await importDocx(bytes, { ...OPTIONS, limits });
  expect(result.files).toEqual([]);
  expect(result.diagnostics.map((d) => `${d.file} ${severityOf(d)} ${d.ruleId}`)).toEqual(['memo.docx error import-package']);
  return result.diagnostics[0]!.reason;
}

describe('import refuses what is not a plain Word document', () => {
  it('imports the plain document these refusals start from', async () => {
    const result = await importDocx(await plainDocx(), OPTIONS);
    expect(new TextDecoder().decode(result.files[0]!.bytes)).toContain('A short memo.');
  });

  it('a text file, and a PDF', async () => {
    expect(await refusal(new TextEncoder().encode('Dear colleagues, please find the memo below.'))).toMatch(/not a Word document \(\.docx\): it is not a ZIP package/);
    expect(await refusal(new TextEncoder().encode('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<< >>\nendobj\n'))).toMatch(/not a ZIP package/);
  });

  it('a password-protected document (an OLE compound file)', async () => {
    const ole = new Uint8Array(4096);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(await refusal(ole)).toMatch(/password-protected/);
  });

  it('a ZIP that is not a Word document', async () => {
    const zip = new JSZip();
    zip.file('notes.txt', 'Not a document.');
    expect(await refusal(await zip.generateAsync({ type: 'uint8array' }))).toMatch(/no word\/document\.xml/);
  });

  it('a truncated document', async () => {
    const bytes = await plainDocx();
    expect(await refusal(bytes.subarray(0, Math.floor(bytes.length / 2)))).toMatch(/corrupt/);
  });

  it('a document whose XML is not well-formed', async () => {
    const bytes = await edited(await plainDocx(), async (zip) => void zip.file('word/document.xml', '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>cut</w:r></w:body>'));
    expect(await refusal(bytes)).toMatch(/corrupt: its part word\/document\.xml is not well-formed XML \(line 1: /);
  });

  it('a ZIP bomb, by the sizes its directory declares, before inflating', async () => {
    const bytes = await edited(await plainDocx(), async (zip) => void zip.file('word/media/filler.bin', new Uint8Array(3 * 1024 * 1024)));
    // Three megabytes of zeros deflate to a few kilobytes.
    expect(bytes.length).toBeLessThan(100_000);
    expect(await refusal(bytes, { ...PACKAGE_LIMITS, totalBytes: 1024 * 1024 })).toMatch(/more than 1 MiB \(a ZIP bomb/);
  });

  it('a ZIP bomb whose directory understates a part\'s size', async () => {
    const bytes = await edited(await plainDocx(), async (zip) => void zip.file('word/media/filler.bin', new Uint8Array(3 * 1024 * 1024)));
    // Rewrite the declared size of that part, in its central directory entry, to 100 bytes.
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const name = new TextEncoder().encode('word/media/filler.bin');
    let patched = false;
    for (let at = 0; at + 46 < bytes.length; at++) {
      if (view.getUint32(at, true) !== 0x02014b50 || view.getUint16(at + 28, true) !== name.length) continue;
      if (!name.every((b, i) => bytes[at + 46 + i] === b)) continue;
      view.setUint32(at + 24, 100, true);
      patched = true;
    }
    expect(patched).toBe(true);
    expect(await refusal(bytes)).toMatch(/word\/media\/filler\.bin inflates to more than the 100 bytes it declares/);
  });

  it('an image linked from outside the document', async () => {
    const withImage = new Uint8Array(
      await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph({ children: [new ImageRun({ type: 'png', data: solidPng(4, 4, [0, 0, 0]), transformation: { width: 4, height: 4 } })] })] }] })),
    );
    const bytes = await edited(withImage, async (zip) =>
      editXml(zip, 'word/_rels/document.xml.rels', (doc) => {
        for (const relationship of Array.from(doc.getElementsByTagName('Relationship'))) {
          if (!relationship.getAttribute('Type')!.endsWith('/image')) continue;
          relationship.setAttribute('Target', 'file:///C:/Users/editor/secret.png');
          relationship.setAttribute('TargetMode', 'External');
        }
      }),
    );
    expect(await refusal(bytes)).toMatch(/image linked from outside the document \(file:\/\/\/C:\/Users\/editor\/secret\.png\)/);
  });

  it('a macro-enabled .docm', async () => {
    const bytes = await edited(await plainDocx(), async (zip) => {
      await editXml(zip, '[Content_Types].xml', (doc) => {
        for (const override of Array.from(doc.getElementsByTagName('Override'))) {
          if (override.getAttribute('PartName') === '/word/document.xml') override.setAttribute('ContentType', 'application/vnd.ms-word.document.macroEnabled.main+xml');
        }
      });
      zip.file('word/vbaProject.bin', new Uint8Array([1, 2, 3]));
    });
    expect(await refusal(bytes)).toMatch(/macro-enabled \(\.docm\)/);
  });

  it('damaged documents are refused or imported, never an internal error', async () => {
    const base = await everyConstructDocx({ changes: false });
    const xml = await (await JSZip.loadAsync(base)).file('word/document.xml')!.async('string');
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const at = (length: number) => Math.floor(random() * length);
    const outcomes = new Set<string>();
    for (let i = 0; i < 80; i++) {
      // Bytes changed anywhere in the package…
      const bytes = new Uint8Array(base);
      for (let k = 0; k < 3; k++) bytes[at(bytes.length)] = at(256);
      // …or the document's XML cut and spliced, in a package that is otherwise sound.
      let text = xml;
      for (let k = 0; k < 3; k++) {
        const from = at(text.length);
        text = random() < 0.5 ? text.slice(0, from) + text.slice(from + at(40)) : text.slice(0, from) + text.slice(at(text.length), at(text.length)) + text.slice(from);
      }
      const spliced = await edited(base, async (zip) => void zip.file('word/document.xml', text));
      for (const input of [bytes, spliced]) {
        const result = await importDocx(input, OPTIONS);
        if (result.files.length === 0) expect(result.diagnostics.map((d) => d.ruleId)).toEqual(['import-package']);
        outcomes.add(result.files.length === 0 ? 'refused' : 'imported');
      }
    }
    expect([...outcomes].sort()).toEqual(['imported', 'refused']);
  }, 120_000);
});
