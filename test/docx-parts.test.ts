import { describe, expect, it } from 'vitest';
import { bookmarkName } from '../src/render/docx/bookmarks.js';
import { columnWidths } from '../src/render/docx/builders.js';
import { DOMParser, XMLSerializer, type Document } from '@xmldom/xmldom';
import { bulletGlyphs, fontKey, LIST_START, listInstances, obfuscateFont, renumberBookmarks, renumberDrawings } from '../src/render/docx/ooxml.js';

describe('bookmark names', () => {
  it('are Word-safe: a letter first, then letters, digits and underscores, at most 40 characters', () => {
    for (const anchor of ['paper-joint-declaration', 'paper-joint-declaration--background', '2015-peer-exchange', `paper-${'x'.repeat(80)}`, 'ü-ñ']) {
      expect(bookmarkName(anchor)).toMatch(/^[A-Za-z][A-Za-z0-9_]{0,39}$/);
    }
  });

  it('keep a safe anchor as it is and tell apart anchors that map to the same characters', () => {
    expect(bookmarkName('agenda_ministerial')).toBe('agenda_ministerial');
    expect(bookmarkName('a-b')).not.toBe(bookmarkName('a_b'));
    expect(bookmarkName(`p-${'x'.repeat(60)}-1`)).not.toBe(bookmarkName(`p-${'x'.repeat(60)}-2`));
    expect(bookmarkName('paper-joint-declaration')).toBe(bookmarkName('paper-joint-declaration'));
  });
});

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const WP = 'http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing';
/** A part with the namespaces its elements use, and its elements back as text without them. */
const part = (body: string) => new DOMParser().parseFromString(`<w:body xmlns:w="${W}" xmlns:wp="${WP}" xmlns:w15="urn:w15">${body}</w:body>`, 'text/xml');
const body = (document: Document) => new XMLSerializer().serializeToString(document).replace(/^<w:body [^>]*>|<\/w:body>$/g, '');

describe('OOXML id renumbering', () => {
  it('gives bookmarks distinct ids in document order, nested ends matching their starts', () => {
    const document = part('<w:bookmarkStart w:name="a" w:id="1"/><w:p><w:bookmarkStart w:name="b" w:id="1"/><w:t>x</w:t><w:bookmarkEnd w:id="1"/></w:p><w:bookmarkEnd w:id="1"/><w:bookmarkStart w:name="c" w:id="1"/><w:bookmarkEnd w:id="1"/>');
    renumberBookmarks(document);
    expect(body(document)).toBe(
      '<w:bookmarkStart w:name="a" w:id="1"/><w:p><w:bookmarkStart w:name="b" w:id="2"/><w:t>x</w:t><w:bookmarkEnd w:id="2"/></w:p><w:bookmarkEnd w:id="1"/><w:bookmarkStart w:name="c" w:id="3"/><w:bookmarkEnd w:id="3"/>',
    );
  });

  it('gives drawings distinct ids in document order', () => {
    const document = part('<wp:docPr id="1" name="a"/><w:p><wp:docPr id="1" name="b"/></w:p>');
    renumberDrawings(document);
    expect(body(document)).toBe('<wp:docPr id="1" name="a"/><w:p><wp:docPr id="2" name="b"/></w:p>');
  });
});

describe('bullet glyphs', () => {
  it('replace remark-docx’s bullets level by level and leave numbers and task boxes alone', () => {
    const level = (i: number, fmt: string, text: string) => `<w:lvl w:ilvl="${i}" w15:tentative="1"><w:numFmt w:val="${fmt}"/><w:lvlText w:val="${text}"/></w:lvl>`;
    const document = part(level(0, 'bullet', '●') + level(1, 'bullet', '○') + level(2, 'bullet', '■') + level(3, 'bullet', '●') + level(0, 'decimal', '%1.') + level(0, 'bullet', '☐'));
    bulletGlyphs(document, ['•', '◦', '▪']);
    expect(body(document)).toBe(level(0, 'bullet', '•') + level(1, 'bullet', '◦') + level(2, 'bullet', '▪') + level(3, 'bullet', '•') + level(0, 'decimal', '%1.') + level(0, 'bullet', '☐'));
  });
});

describe('list numbering instances', () => {
  const item = (numId: number, mark = '') => `<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="${numId}"/></w:numPr></w:pPr>${mark}<w:r><w:t>x</w:t></w:r></w:p>`;
  const mark = (start: number) => `<w:bookmarkStart w:name="${LIST_START}${start}" w:id="1"/><w:bookmarkEnd w:id="1"/>`;
  const num = (id: number, abstract: number, start = 1) => `<w:num w:numId="${id}"><w:abstractNumId w:val="${abstract}"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="${start}"/></w:lvlOverride></w:num>`;

  it('give each marked list its own instance of the shared definition, starting at its number, and remove the marks', () => {
    // Instance 1 is the bullets', 2 the one every ordered list shares: three lists, the second starting at 7, bullets between.
    const document = part(item(2, mark(1)) + item(2) + item(1) + item(2, mark(7)) + '<w:p/>' + item(2) + item(2, mark(1)));
    const numbering = part(num(1, 0) + num(2, 5));
    listInstances([document], numbering);
    expect(body(document)).toBe(item(3) + item(3) + item(1) + item(4) + '<w:p/>' + item(4) + item(5));
    expect(body(numbering)).toBe(num(1, 0) + num(2, 5) + num(3, 5) + num(4, 5, 7) + num(5, 5));
  });

  it('go on counting across parts, e.g. into the footnotes', () => {
    const numbering = part(num(1, 0) + num(2, 5));
    const document = part(item(2, mark(1)));
    const footnotes = part(item(2, mark(2)) + item(2));
    listInstances([document, footnotes], numbering);
    expect(body(footnotes)).toBe(item(4) + item(4));
    expect(body(numbering)).toBe(num(1, 0) + num(2, 5) + num(3, 5) + num(4, 5, 2));
  });

  it('refuse a mark outside a numbered paragraph', () => {
    expect(() => listInstances([part(`<w:p>${mark(3)}</w:p>`)], part(''))).toThrow(/no numbering/);
  });
});

describe('embedded font obfuscation', () => {
  it('XORs the first 32 bytes with the key read backwards, leaves the rest, and undoes itself', () => {
    const font = Uint8Array.from({ length: 40 }, (_, i) => i);
    const key = '00112233-4455-6677-8899-AABBCCDDEEFF';
    const obfuscated = obfuscateFont(font, key);
    // The key's last pair, FF, masks byte 0; its first pair, 00, masks byte 15; the pattern repeats from byte 16.
    expect(obfuscated[0]).toBe(0 ^ 0xff);
    expect(obfuscated[1]).toBe(1 ^ 0xee);
    expect(obfuscated[15]).toBe(15 ^ 0x00);
    expect(obfuscated[16]).toBe(16 ^ 0xff);
    expect([...obfuscated.subarray(32)]).toEqual([...font.subarray(32)]);
    expect([...obfuscateFont(obfuscated, key)]).toEqual([...font]);
  });

  it('derives a GUID key from the font’s bytes, the same every time', () => {
    const key = fontKey(Uint8Array.of(1, 2, 3));
    expect(key).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/);
    expect(fontKey(Uint8Array.of(1, 2, 3))).toBe(key);
    expect(fontKey(Uint8Array.of(1, 2, 4))).not.toBe(key);
  });
});

describe('table column widths in twips', () => {
  it('follow the plan’s fractions and add up exactly to the text width', () => {
    const widths = columnWidths([0.1, 0.2, 0.7], 9425);
    expect(widths.reduce((a, b) => a + b, 0)).toBe(9425);
    expect(widths[0]!).toBe(942);
    expect(widths[2]!).toBeGreaterThan(6 * widths[0]!);
  });
});
