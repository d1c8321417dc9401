/** Markdown the default content does not use, typeset by the PDF renderer from a hand-made plan. */
import type { Heading, Image, PhrasingContent, Root } from 'mdast';
import { OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { visit } from 'unist-util-visit';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseMarkdown } from '../src/load/markdown.js';
import type { PackPlan, PackTable } from '../src/plan/plan.js';
import { loadLayout, type FontFiles, type Layout } from '../src/plan/template.js';
import { renderPdf } from '../src/render/pdf/index.js';
import { buildPack } from '../src/build/build.js';
import { artifactText, contentText, destinationPage, openPdf, PDF, roles, type StructNode } from './helpers/pdf.js';
import { contentTree } from './helpers/trees.js';

/** A 2×2 red PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==', 'base64');

const MARKDOWN = `Intro with **bold**, *italic* and a [link](https://example.org) in one line.[^a]

## Lists and quotes

3. third
4. fourth
   1. nested one
   2. nested two
5. fifth

- bullet
  - nested bullet

> A quoted passage.

Line one\\
line two

![A small red square](square.png)

Second reference.[^b]

## Long table

::table

[^a]: The first note, with *emphasis*.
[^b]: The second note.
`;

const text = (value: string): PhrasingContent[] => [{ type: 'text', value }];

function body(): Root {
  const root = parseMarkdown(MARKDOWN);
  root.children = root.children.filter((n) => n.type !== 'yaml');
  // As the plan sizes it: 2 pixels at the layout's 96 per inch.
  visit(root, 'image', (image: Image) => void (image.data = { asset: 'papers/square.png', size: { width: 1.5, height: 1.5 } }));
  visit(root, 'heading', (h: Heading) => void (h.data = { anchor: `doc--${h.children.map((c) => ('value' in c ? c.value : '')).join('').toLowerCase().replace(/\W+/g, '-')}` }));
  const tall = Array.from({ length: 700 }, (_, i) => `word${i}`).join(' ');
  const table: PackTable = {
    type: 'packTable',
    header: [text('Number'), text('Text')],
    widths: [0.2, 0.8],
    align: ['right', null],
    rows: [
      { kind: 'group', label: 'First group' },
      ...Array.from({ length: 40 }, (_, i) => ({ kind: 'cells' as const, cells: [[{ type: 'paragraph' as const, children: text(String(i + 1)) }], [{ type: 'paragraph' as const, children: text(`Row ${i + 1}`) }]] })),
      { kind: 'cells', cells: [[{ type: 'paragraph', children: text('41') }], [{ type: 'paragraph', children: text(tall) }]] },
    ],
  };
  const at = root.children.findIndex((n) => n.type === 'leafDirective');
  root.children[at] = table as never;
  return root;
}

function plan(): PackPlan {
  return {
    pack: 'test',
    title: 'Test Meeting: Open & Accountable <Government>',
    shortTitle: 'Test, October 2015',
    organisation: 'Test Organisation',
    series: 'Test Series',
    language: 'en',
    edition: { id: 'public', audience: 'public', label: 'Public', marking: 'PUBLIC', footer: 'Public edition · PUBLIC' },
    date: new Date('2015-10-26T00:00:00Z'),
    cover: { organisation: 'Test Organisation', title: 'Test Meeting', series: 'Test Series', venue: 'Venue', dates: '26 October 2015', sessions: [], edition: 'Public edition', marking: 'PUBLIC', version: 'Version of 26 October 2015' },
    agendas: [],
    images: new Map([['papers/square.png', { bytes: new Uint8Array(PNG), type: 'png' as const, width: 2, height: 2 }]]),
    parts: [
      {
        id: 'papers',
        title: 'Background papers',
        anchor: 'part-papers',
        divider: false,
        entries: [{ id: 'doc', title: 'The Paper', status: 'included', presence: 'text', anchor: 'doc' }],
        documents: [{ id: 'doc', anchor: 'doc', title: 'The Paper', kind: 'paper', status: 'included', body: body(), headings: [] }],
      },
    ],
    contents: [
      { kind: 'part', title: 'Background papers', anchor: 'part-papers' },
      { kind: 'paper', title: 'The Paper', anchor: 'doc' },
    ],
    sections: [
      { kind: 'cover', furniture: false },
      { kind: 'contents', anchor: 'contents', running: 'Contents', furniture: true },
      { kind: 'document', anchor: 'doc', running: 'The Paper', furniture: true },
    ],
    breaks: { rowLines: 6, splitLines: 2 },
    labels: { contents: 'Contents', backgroundPapers: 'Background papers:', notes: 'Notes', pageReference: 'p. {page}', page: 'Page {page} of {pages}', continued: '(continued)' },
  };
}

let layout: Layout;
let fonts: FontFiles;
let pdf: PDFDocumentProxy;
const pages: string[] = [];

beforeAll(async () => {
  ({ layout, fonts } = (await loadLayout()) as { layout: Layout; fonts: FontFiles });
  pdf = await openPdf((await renderPdf(plan(), layout, fonts)).bytes);
  for (let i = 0; i < pdf.numPages; i++) pages.push(await contentText(pdf, i));
}, 60_000);

describe('Markdown in the PDF', () => {
  it('sets inline styles and links in one line, and footnotes as numbered endnotes linked from their markers', async () => {
    const all = pages.join(' ');
    expect(all).toContain('Intro with bold, italic and a link in one line.1');
    expect(all).toMatch(/Notes 1\. The first note, with emphasis\. 2\. The second note\.$/);
    const page = pages.findIndex((p) => p.includes('Intro with'));
    const links = (await (await pdf.getPage(page + 1)).getAnnotations()).filter((a) => a.subtype === 'Link');
    expect(links.map((l) => l.url).filter(Boolean)).toEqual(['https://example.org/']);
    const note = links.find((l) => typeof l.dest === 'string')!;
    expect(note.dest).toBe('doc--note-1');
    expect(pages[await destinationPage(pdf, note.dest)]).toContain('1. The first note');
  });

  it('numbers ordered lists from their start, nested lists on their own', () => {
    expect(pages.join(' ')).toContain('3. third 4. fourth 1. nested one 2. nested two 5. fifth • bullet – nested bullet');
  });

  it('keeps a hard line break, and tags quotes, lists and images', async () => {
    const page = await pdf.getPage(pages.findIndex((p) => p.includes('Line one')) + 1);
    const items = (await page.getTextContent()).items.filter((i) => 'str' in i && i.str);
    const one = items.find((i) => 'str' in i && i.str.startsWith('Line one'));
    expect(one && 'hasEOL' in one && one.hasEOL).toBe(true);
    const found = roles((await page.getStructTree()) as StructNode);
    for (const role of ['BlockQuote', 'L', 'Lbl', 'Figure', 'Link', 'H2']) expect(found).toContain(role);
    const ops = await page.getOperatorList();
    expect(ops.fnArray).toContain(OPS.paintImageXObject);
  });

  it('repeats the table header on every page it continues on and splits a tall row', async () => {
    const first = pages.findIndex((p) => p.includes('Number Text First group'));
    expect(first).toBeGreaterThanOrEqual(0);
    const tallStart = pages.findIndex((p) => p.includes('word0 '));
    const tallEnd = pages.findIndex((p) => p.includes('word699'));
    expect(tallEnd).toBeGreaterThan(tallStart);
    for (let page = first + 1; page <= tallEnd; page++) expect(await artifactText(pdf, page)).toMatch(/^.*Number Text/);
    // The tall row starts on the page where the short rows end, instead of leaving that page half empty.
    expect(pages[tallStart]).toContain('Row 40');
 
    // Its rest opens each following page under the header, marked as continued; a page of short rows is not.
    for (let page = tallStart + 1; page <= tallEnd; page++) expect(await artifactText(pdf, page)).toMatch(/Number Text \(continued\)/);
    for (let page = first + 1; page < tallStart; page++) expect(await artifactText(pdf, page)).not.toContain('(continued)');
  });

  it('keeps a row of up to six lines whole, and leaves at least two lines of a split row on either page', async () => {
    // Every short row (one line each) is whole on one page.
    for (let row = 1; row <= 40; row++) expect(pages.filter((p) => new RegExp(`\\b${row} Row ${row}\\b`).test(p)), `row ${row}`).toHaveLength(1);
    // The tall row's lines on each page: at least two.
    const tallPages = pages.filter((p) => /word\d+/.test(p));
    for (const page of tallPages) expect(page.match(/word\d+/g)!.length).toBeGreaterThanOrEqual(10);
  });

  it('adds no blank pages', () => {
    for (const [index, page] of pages.entries()) if (index > 0) expect(page.length, `page ${index + 1}`).toBeGreaterThan(0);
  });

  it('keeps its metadata well-formed when the title has XML characters', async () => {
    const { info, metadata } = await pdf.getMetadata();
    expect(info).toMatchObject({ Title: expect.stringContaining('Open & Accountable <Government>') });
    expect(metadata?.get('dc:title')).toContain('Open & Accountable <Government>');
  });

  it('draws an image a paper shows, read from beside the paper', async () => {
    const markdown = (t: string) => t.replace('Together, we declare our commitment to:', '![The declaration’s logo](logo.png)\n\nTogether, we declare our commitment to:');
    const { outputs, diagnostics } = await buildPack(contentTree({ 'papers/joint-declaration.md': markdown, 'papers/logo.png': new Uint8Array(PNG) }), { formats: PDF, editions: ['public'] }, {});
    expect(diagnostics).toEqual([]);
    const built = await openPdf(outputs![0]!.bytes);
    const page = await built.getPage((await destinationPage(built, 'paper-joint-declaration')) + 1);
    expect((await page.getOperatorList()).fnArray).toContain(OPS.paintImageXObject);
    expect(JSON.stringify(await page.getStructTree())).toContain('"role":"Figure"');
  }, 60_000);

  it('draws Letter pages when the layout asks for them', async () => {
    const letter = await openPdf((await renderPdf(plan(), { ...layout, page: { ...layout.page, size: 'Letter' } }, fonts)).bytes);
    expect((await letter.getPage(1)).view).toEqual([0, 0, 612, 792]);
    expect((await pdf.getPage(1)).view.map(Math.round)).toEqual([0, 0, 595, 842]);
  });
});
