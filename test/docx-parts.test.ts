import { describe, expect, it } from 'vitest';
import { bookmarkName } from '../src/render/docx/bookmarks.js';
import { columnWidths } from '../src/render/docx/builders.js';
import { bulletGlyphs, renumberBookmarks, renumberDrawings } from '../src/render/docx/ooxml.js';

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

describe('OOXML id renumbering', () => {
  it('gives bookmarks distinct ids in document order, nested ends matching their starts', () => {
    const xml = '<w:bookmarkStart w:name="a" w:id="1"/><w:bookmarkStart w:name="b" w:id="1"/><w:t>x</w:t><w:bookmarkEnd w:id="1"/><w:bookmarkEnd w:id="1"/><w:bookmarkStart w:name="c" w:id="1"/><w:bookmarkEnd w:id="1"/>';
    expect(renumberBookmarks(xml)).toBe(
      '<w:bookmarkStart w:name="a" w:id="1"/><w:bookmarkStart w:name="b" w:id="2"/><w:t>x</w:t><w:bookmarkEnd w:id="2"/><w:bookmarkEnd w:id="1"/><w:bookmarkStart w:name="c" w:id="3"/><w:bookmarkEnd w:id="3"/>',
    );
  });

  it('gives drawings distinct ids in document order', () => {
    expect(renumberDrawings('<wp:docPr id="1" name="a"/><wp:docPr id="1" name="b"/>')).toBe('<wp:docPr id="1" name="a"/><wp:docPr id="2" name="b"/>');
  });
});

describe('bullet glyphs', () => {
  it('replace remark-docx’s bullets level by level and leave numbers and task boxes alone', () => {
    const level = (i: number, fmt: string, text: string) => `<w:lvl w:ilvl="${i}" w15:tentative="1"><w:numFmt w:val="${fmt}"/><w:lvlText w:val="${text}"/></w:lvl>`;
    const xml = level(0, 'bullet', '●') + level(1, 'bullet', '○') + level(2, 'bullet', '■') + level(3, 'bullet', '●') + level(0, 'decimal', '%1.') + level(0, 'bullet', '☐');
    expect(bulletGlyphs(xml, ['•', '◦', '▪'])).toBe(level(0, 'bullet', '•') + level(1, 'bullet', '◦') + level(2, 'bullet', '▪') + level(3, 'bullet', '•') + level(0, 'decimal', '%1.') + level(0, 'bullet', '☐'));
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
