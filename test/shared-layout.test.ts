/**
 * The PDF and the DOCX as the same pack: the same contents lines in the same order, each DOCX line linked to its heading, agenda notes
 * in the same place, agenda questions as bullet lists, one page-size table, the template's font
 * files read once, outside the renderers.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mammoth from 'mammoth';
import { toString } from 'mdast-util-to-string';
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { agendaItems, type AgendaNotePlan, type AgendaPlan, type PackPlan } from '../src/plan/plan.js';
import { fontPath, loadLayout, PAGE_SIZES, TEMPLATE_DIR } from '../src/plan/template.js';
import { renderDocx } from '../src/render/docx/render.js';
import { all, openDocx, renderDefaultDocx, styleOf, textOf, wAttr, type RenderedDocx } from './helpers/docx.js';
import { defaultPdf, destinationPage, openPdf, pageText, squash } from './helpers/pdf.js';

let docx: RenderedDocx;
let body: Awaited<ReturnType<Awaited<ReturnType<typeof openDocx>>['xml']>>;
let pdf: PDFDocumentProxy;
let pdfPlan: PackPlan;

beforeAll(async () => {
  docx = await renderDefaultDocx();
  body = await (await openDocx(docx.bytes)).xml('word/document.xml');
  const built = await defaultPdf();
  pdf = await openPdf(built.bytes);
  pdfPlan = built.plan;
}, 120_000);

/** The contents as the PDF prints them: agendas, then each part's title and every one of its papers, printed or not. */
function contentsLines(plan: PackPlan): string[] {
  return [
    ...plan.agendas.map((a) => a.title),
    ...plan.parts.flatMap((part) => [part.title, ...part.entries.map((e) => (e.note ? `${e.title} (${e.note})` : e.title))]),
  ];
}

const paragraphs = () => all(body, 'p');

/** The DOCX contents' paragraphs, in order. */
const contentsParagraphs = () => paragraphs().filter((p) => /^TOC[12]$/.test(styleOf(p) ?? ''));

/** A contents line's text before the tab that leads to its page number. */
function lineText(p: ReturnType<typeof paragraphs>[number]): string {
  const runs = all(p, 'r');
  const tab = runs.findIndex((r) => all(r, 'tab').length > 0);
  return runs.slice(0, tab === -1 ? runs.length : tab).map(textOf).join('');
}

describe('the contents of both formats', () => {
  it('list every paper of every part, printed or not, under its part title, in the same order', async () => {
    const expected = contentsLines(docx.plan);
    expect(expected).toContain('Background papers');
    expect(expected).toContain('Country updates (withheld as pre-decision)');
    expect(contentsLines(pdfPlan)).toEqual(expected);

    // DOCX: each contents line's text before the tab to its page number.
    expect(contentsParagraphs().map(lineText)).toEqual(expected);

    // A reader of the DOCX sees them in that order, before the first agenda.
    const { value: text } = await mammoth.extractRawText({ buffer: Buffer.from(docx.bytes) });
    const start = text.indexOf(docx.layout.labels.contents);
    const contents = squash(text.slice(start, text.indexOf(docx.plan.agendas[0]!.when, start)));
    let from = 0;
    for (const line of expected) {
      const at = contents.indexOf(squash(line), from);
      expect(at, line).toBeGreaterThanOrEqual(from);
      from = at + squash(line).length;
    }

    // PDF: the same lines in the same order on the contents page.
    const page = await pageText(pdf, 1);
    from = 0;
    for (const line of expected) {
      const at = page.indexOf(squash(line), from);
      expect(at, line).toBeGreaterThanOrEqual(from);
      from = at + squash(line).length;
    }
  });

  it('link each DOCX contents line with a page to the bookmark on its heading, and leave the others unlinked', () => {
    const headingOf = new Map(
      paragraphs()
        .filter((p) => /^Heading1$/.test(styleOf(p) ?? ''))
        .flatMap((p) => all(p, 'bookmarkStart').map((b) => [wAttr(b, 'name')!, textOf(p)] as const)),
    );
    const lines = contentsParagraphs();
    expect(lines).toHaveLength(docx.plan.contents.length);
    lines.forEach((p, i) => {
      const line = docx.plan.contents[i]!;
      const link = all(p, 'hyperlink')[0];
      if (!line.anchor) return expect(link, line.title).toBeUndefined();
      const heading = headingOf.get(wAttr(link!, 'anchor')!);
      // A part without a divider page is reached through its first document's heading.
      // A withheld paper's stub page is headed by its title and status note.
      const part = line.kind === 'part' ? docx.plan.parts.find((p) => p.title === line.title)! : undefined;
      expect(heading?.startsWith(part && !part.divider ? part.documents[0]!.title : line.title), line.title).toBe(true);
    });
  });
});

describe('the agendas of both formats', () => {
  const notesOf = (a: AgendaPlan) => a.entries.filter((e): e is AgendaNotePlan => e.kind === 'note');
  const agenda = () => docx.plan.agendas.find((a) => notesOf(a).length > 1)!;

  it('show the default pack\'s session notes before the items, in source order', async () => {
    const notes = notesOf(agenda());
    const items = agendaItems(agenda());
    expect(notes.map((n) => toString(n.text))).toEqual(['Coffee', 'Please arrive on time so we can begin promptly at 4pm']);
    expect(agenda().entries.slice(0, 2)).toEqual(notes);
    // DOCX: the agenda table's first rows are the notes, each with its time (or none), then the items.
    const table = all(body, 'tbl').find((t) => textOf(t).includes(items[0]!.title))!;
    const rows = all(table, 'tr').map((tr) => all(tr, 'tc').map(textOf));
    expect(rows.slice(0, notes.length)).toEqual(notes.map((n) => [n.time ?? '', toString(n.text)]));
    expect(rows[notes.length]![1]).toContain(items[0]!.title);

    // PDF: the notes, in order, before the first item on the agenda's page.
    const page = await pageText(pdf, await destinationPage(pdf, agenda().anchor));
    const at = [...notes.map((n) => page.indexOf(toString(n.text))), page.indexOf(items[0]!.title)];
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it('list the questions for the Steering Committee as bullets in the DOCX, as the PDF does', () => {
    const questions = docx.plan.agendas.flatMap((a) => agendaItems(a).flatMap((i) => i.questions.map((q) => toString(q))));
    expect(questions.length).toBeGreaterThan(2);
    const byText = new Map(paragraphs().map((p) => [textOf(p), p]));
    for (const question of questions) {
      const p = byText.get(question);
      expect(p, question).toBeDefined();
      expect(all(p!, 'numId'), question).toHaveLength(1);
    }
    expect(paragraphs().some((p) => textOf(p).startsWith('– '))).toBe(false);
  });
});

describe('one page-size table', () => {
  it('gives the DOCX the page the PDF has, in twips, for each paper size', async () => {
    for (const size of ['A4', 'Letter'] as const) {
      const layout = { ...docx.layout, page: { ...docx.layout.page, size } };
      const { fonts } = await loadLayout();
      const doc = await (await openDocx((await renderDocx(docx.plan, layout, fonts!)).bytes)).xml('word/document.xml');
      const sizes = new Set(all(doc, 'pgSz').map((s) => `${wAttr(s, 'w')}×${wAttr(s, 'h')}`));
      expect([...sizes]).toEqual([`${Math.round(PAGE_SIZES[size].width * 20)}×${Math.round(PAGE_SIZES[size].height * 20)}`]);
    }
    const page = await pdf.getPage(1);
    expect(page.view.slice(2)).toEqual([PAGE_SIZES.A4.width, PAGE_SIZES.A4.height]);
  }, 60_000);
});

describe('the template’s font files', () => {
  it('are read once by loadLayout, as TrueType bytes for every face', async () => {
    const { fonts } = await loadLayout();
    for (const face of ['regular', 'bold', 'italic', 'boldItalic'] as const) expect([...fonts![face].subarray(0, 4)]).toEqual([0, 1, 0, 0]);
  });

  it('that cannot be read are reported at their key in layout.yaml, and no layout is returned', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ogp-layout-'));
    const yaml = readFileSync(path.join(TEMPLATE_DIR, 'layout.yaml'), 'utf8');
    // The other faces by absolute path, since the temporary directory has no node_modules.
    const { layout: shipped } = await loadLayout();
    const files = shipped!.fonts.files;
    const edited = yaml.replace(/^(\s+)(regular|bold|italic|boldItalic): .*$/gm, (_line, indent: string, face: keyof typeof files) =>
      `${indent}${face}: '${face === 'bold' ? './missing-bold.ttf' : fontPath(files[face])}'`,
    );
    writeFileSync(path.join(dir, 'layout.yaml'), edited);
    const { layout, fonts, diagnostics } = await loadLayout(dir);
    expect(layout).toBeUndefined();
    expect(fonts).toBeUndefined();
    expect(diagnostics).toHaveLength(1);
    const line = edited.split('\n').findIndex((l) => l.includes('missing-bold.ttf')) + 1;
    expect(diagnostics[0]).toMatchObject({ ruleId: 'layout-font', line, fatal: true });
    expect(diagnostics[0]!.message).toContain('./missing-bold.ttf');
  });
});
