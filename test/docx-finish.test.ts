/**
 * The OOXML finishing step and the table builder on small documents, read back as parts:
 * per-section running headers, the embedded fonts, and tables that break well.
 */
import type { Element } from '@xmldom/xmldom';
import type { BlockContent, PhrasingContent, Root } from 'mdast';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PackTable } from '../src/plan/plan.js';
import { loadLayout, type FontFiles, type Layout } from '../src/plan/template.js';
import { parseMarkdown } from '../src/load/markdown.js';
import { packPlugin } from '../src/render/docx/builders.js';
import { markdownToDocx } from '../src/render/docx/engine.js';
import { finishDocx, obfuscateFont, type FinishOptions } from '../src/render/docx/ooxml.js';
import type { DocxPageRef } from '../src/render/docx/pack-tree.js';
import { look } from '../src/render/docx/styles.js';
import { all, openDocx, R, textOf, W } from './helpers/docx.js';

let layout: Layout;
let fonts: FontFiles;

beforeAll(async () => {
  ({ layout, fonts } = (await loadLayout()) as { layout: Layout; fonts: FontFiles });
});

const options = (sections: FinishOptions['sections']): FinishOptions => ({
  sections,
  header: 'Short title',
  footer: 'Public edition',
  footerColour: 'A61B1B',
  page: 'Page \u0000PAGE\u0000 of \u0000NUMPAGES\u0000',
  font: { family: layout.fonts.family, files: fonts },
  date: new Date(Date.UTC(2015, 9, 26)),
  language: 'en',
  title: 'Title',
  subject: 'Subject',
  keywords: 'keywords',
  creator: 'Organisation',
  tableStyle: '',
  bullets: ['•'],
  pages: {},
});

/** Three sections: a cover, then two papers (remark-docx starts a section at each thematic break). */
const threeSections = () => markdownToDocx(parseMarkdown('# Cover\n\n---\n\n# Paper A\n\ntext\n\n---\n\n# Paper B\n\ntext\n'), { thematicBreak: 'section' });

/** The text of each section's header, in order; undefined for a section without one. */
async function headers(bytes: Uint8Array): Promise<(string | undefined)[]> {
  const docx = await openDocx(bytes);
  const rels = await docx.xml('word/_rels/document.xml.rels');
  const targets = new Map(Array.from(rels.getElementsByTagName('Relationship')).map((r) => [r.getAttribute('Id'), r.getAttribute('Target')]));
  const sections = all(await docx.xml('word/document.xml'), 'sectPr');
  return Promise.all(
    sections.map(async (sectPr) => {
      const reference = all(sectPr, 'headerReference')[0];
      return reference ? textOf((await docx.xml(`word/${targets.get(reference.getAttributeNS(R, 'id'))}`)).documentElement!) : undefined;
    }),
  );
}

describe('running headers', () => {
  it('give the pack’s short title, then the section’s own title when it has one, and leave the cover without', async () => {
    const bytes = await finishDocx(await threeSections(), options([{ running: false }, { running: true, title: 'Paper A: the first paper' }, { running: true }]));
    expect(await headers(bytes)).toEqual([undefined, 'Short titlePaper A: the first paper', 'Short title']);
  });

  it('share one header part between sections with the same furniture', async () => {
    const bytes = await finishDocx(await threeSections(), options([{ running: false }, { running: true, title: 'Same' }, { running: true, title: 'Same' }]));
    const { zip } = await openDocx(bytes);
    expect(Object.keys(zip.files).filter((n) => /^word\/header\d+\.xml$/.test(n))).toEqual(['word/header1.xml']);
    expect(await headers(bytes)).toEqual([undefined, 'Short titleSame', 'Short titleSame']);
  });

  it('refuse furniture for another number of sections than the document has', async () => {
    await expect(finishDocx(await threeSections(), options([{ running: false }]))).rejects.toThrow(/3 sections, the pack 1/);
  });
});

describe('page numbers', () => {
  const labels = { contents: 'Contents', backgroundPapers: 'Papers', notes: 'Notes', pageReference: 'p. {page}', page: 'Page {page} of {pages}', continued: '(continued)' };
  /** A heading for each anchor, then a paragraph of page references to them. */
  function referencing(anchors: string[]): Promise<Uint8Array> {
    const lk = look(layout);
    const tree: Root = {
      type: 'root',
      children: [
        ...anchors.map((anchor): Root['children'][number] => ({ type: 'heading', depth: 1, children: [{ type: 'text', value: anchor }], data: { anchor } })),
        { type: 'paragraph', children: anchors.flatMap((anchor): PhrasingContent[] => [{ type: 'text', value: ' p. ' }, { type: 'docxPageRef', anchor } satisfies DocxPageRef]) },
      ],
    };
    return markdownToDocx(tree, { plugins: [packPlugin(lk, labels, new Set(anchors), new Map())] });
  }
  const results = async (bytes: Uint8Array) => textOf(all(await (await openDocx(bytes)).xml('word/document.xml'), 'p').at(-1)!);

  it('are the PAGEREF fields’ results, filled in last with the page of each bookmark’s target, given now or later', async () => {
    const anchors = ['paper-a', 'agenda--day-1', 'a-target-whose-name-is-too-long-for-a-word-bookmark'];
    const pages = { 'paper-a': 12, 'agenda--day-1': 3, 'a-target-whose-name-is-too-long-for-a-word-bookmark': 40 };
    const now = await finishDocx(await referencing(anchors), { ...options([{ running: false }]), pages });
    expect(await results(now)).toBe(' p. 12 p. 3 p. 40');
    let asked = 0;
    const later = await finishDocx(await referencing(anchors), { ...options([{ running: false }]), pages: async () => (asked++, pages) });
    expect(asked).toBe(1);
    expect(Buffer.from(later).equals(Buffer.from(now))).toBe(true);
  });

  it('refuse a field to a target the pages do not give', async () => {
    await expect(finishDocx(await referencing(['paper-a', 'paper-b']), { ...options([{ running: false }]), pages: { 'paper-a': 2 } })).rejects.toThrow(/no page for bookmark "paper_b_[0-9a-f]{8}"/);
  });
});

describe('embedded fonts', () => {
  it('carry the four faces of the pack’s font, each read back to its TTF with its key, and named in the font table', async () => {
    const bytes = await finishDocx(await threeSections(), options([{ running: false }, { running: true }, { running: true }]));
    const docx = await openDocx(bytes);
    const table = await docx.xml('word/fontTable.xml');
    const font = all(table, 'font').find((f) => f.getAttributeNS(W, 'name') === layout.fonts.family)!;
    expect(font).toBeDefined();
    const rels = await docx.xml('word/_rels/fontTable.xml.rels');
    const targets = new Map(Array.from(rels.getElementsByTagName('Relationship')).map((r) => [r.getAttribute('Id'), r.getAttribute('Target')]));
    const faces = { embedRegular: fonts.regular, embedBold: fonts.bold, embedItalic: fonts.italic, embedBoldItalic: fonts.boldItalic };
    for (const [element, ttf] of Object.entries(faces)) {
      const embed = all(font, element)[0]!;
      expect(embed, element).toBeDefined();
      const stored = await docx.zip.file(`word/${targets.get(embed.getAttributeNS(R, 'id'))}`)!.async('uint8array');
      expect(Buffer.from(stored.subarray(0, 32)).equals(Buffer.from(ttf.subarray(0, 32))), `${element} is obfuscated`).toBe(false);
      const key = embed.getAttributeNS(W, 'fontKey')!;
      expect(key).toMatch(/^\{[0-9A-F-]{36}\}$/);
      expect(Buffer.from(obfuscateFont(stored, key)).equals(Buffer.from(ttf)), element).toBe(true);
    }
    const types = await docx.zip.file('[Content_Types].xml')!.async('string');
    expect(types).toContain('Extension="odttf"');
    expect(all(await docx.xml('word/settings.xml'), 'embedTrueTypeFonts')).toHaveLength(1);
  });

  it('give the same bytes for the same document and fonts', async () => {
    const compiled = await threeSections();
    const furniture = options([{ running: false }, { running: true }, { running: true }]);
    expect(Buffer.from(await finishDocx(compiled, furniture)).equals(Buffer.from(await finishDocx(compiled, furniture)))).toBe(true);
  });
});

describe('tables', () => {
  const paragraph = (text: string): BlockContent => ({ type: 'paragraph', children: [{ type: 'text', value: text }] });
  const table = (rows: string[][]): PackTable => ({
    type: 'packTable',
    header: [[{ type: 'text', value: 'Country' }], [{ type: 'text', value: 'Amount' }]],
    widths: [0.7, 0.3],
    align: [null, 'right'],
    rows: rows.map((cells) => ({ kind: 'cells', cells: cells.map((c) => [paragraph(c)]) })),
  });

  async function tableRows(node: PackTable): Promise<Element[]> {
    const lk = look(layout);
    const tree: Root = { type: 'root', children: [node] };
    const bytes = await markdownToDocx(tree, { size: { width: lk.page.width, height: lk.page.height }, margin: lk.page.margin, plugins: [packPlugin(lk, { contents: 'Contents', backgroundPapers: 'Papers', notes: 'Notes', pageReference: 'p. {page}', page: 'Page {page} of {pages}', continued: '(continued)' }, new Set(), new Map())] });
    return all(await (await openDocx(bytes)).xml('word/document.xml'), 'tr');
  }

  it('repeat the header row, keep short rows whole, and let a row taller than a page break', async () => {
    const long = Array.from({ length: 800 }, (_, i) => `word${i}`).join(' ');
    const rows = await tableRows(table([['Mexico', '12'], [long, '3'], ['Chile', '4']]));
    expect(rows.map((r) => all(r, 'tblHeader').length)).toEqual([1, 0, 0, 0]);
    expect(rows.map((r) => all(r, 'cantSplit').length)).toEqual([1, 1, 0, 1]);
  });

  it('align every cell of a right-aligned column, not only its header', async () => {
    const rows = await tableRows(table([['Mexico', '12'], ['Chile', '4']]));
    const alignment = (row: Element, column: number) => all(all(row, 'tc')[column]!, 'jc').map((j) => j.getAttributeNS(W, 'val'));
    for (const row of rows) {
      expect(alignment(row, 1)).toEqual(['right']);
      expect(alignment(row, 0)).not.toContain('right');
    }
  });

  it('lay out with fixed column widths in twips from the plan’s fractions', async () => {
    const rows = await tableRows(table([['Mexico', '12']]));
    const tbl = rows[0]!.parentNode as Element;
    expect(all(tbl, 'tblLayout')[0]!.getAttributeNS(W, 'type')).toBe('fixed');
    const grid = all(tbl, 'gridCol').map((g) => Number(g.getAttributeNS(W, 'w')));
    expect(grid.reduce((a, b) => a + b, 0)).toBe(look(layout).textWidth);
    expect(grid[0]! / grid[1]!).toBeCloseTo(0.7 / 0.3, 1);
  });
});
