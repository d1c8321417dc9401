/**
 * The PDF and the DOCX of one build are the same pack: both are read back with independent
 * readers (pdfjs for the PDF, the OOXML parts with xmldom for the DOCX) and compared, on the
 * default pack (its public and committee editions) and on the French council fixture: the
 * contents lines and their page numbers, the agendas' paper references, the order of the
 * headings, the tables' cells and the ranking of their column widths.
 */
import type { Element } from '@xmldom/xmldom';
import { OPS, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildPack } from '../src/build/build.js';
import { FORMATS } from '../src/build/formats.js';
import { fileTree, type SourceTree } from '../src/io/source-tree.js';
import { bookmarkName } from '../src/render/docx/bookmarks.js';
import { all, openDocx, styleOf, textOf, wAttr } from './helpers/docx.js';
import { markedItems, openPdf } from './helpers/pdf.js';
import { contentTree } from './helpers/trees.js';

/** Text compared without its spacing, which each format sets its own way, nor list bullets, which the DOCX numbering draws. */
const bare = (text: string) => text.replace(/[\s•]+/g, '');

interface Outputs {
  pdf: PDFDocumentProxy;
  /** `word/document.xml`'s body. */
  body: Element;
  /** The page of every PDF destination, by its DOCX bookmark name. */
  pageOf: Map<string, number>;
  /** Each page's text outside artifacts (running heads and feet, repeated table headers, continuation lines). */
  pages: string[];
}

async function build(tree: SourceTree, edition: string): Promise<Outputs> {
  const { outputs, diagnostics } = await buildPack(tree, { formats: FORMATS, editions: [edition], parallel: false, contentChecks: false }, { SOURCE_DATE_EPOCH: '1445817600' });
  if (!outputs) throw new Error(diagnostics.map((d) => d.message).join('\n'));
  const file = (extension: string) => outputs.find((o) => o.name.endsWith(`.${extension}`))!.bytes;
  const pdf = await openPdf(file('pdf'));
  const docx = await openDocx(file('docx'));
  const body = (await docx.xml('word/document.xml')).documentElement!;
  const pageOf = new Map<string, number>();
  for (const [name, destination] of Object.entries(await pdf.getDestinations())) {
    pageOf.set(bookmarkName(name), (await pdf.getPageIndex((destination as [{ num: number; gen: number }])[0])) + 1);
  }
  const pages: string[] = [];
  for (let i = 0; i < pdf.numPages; i++) pages.push((await markedItems(pdf, i)).filter((item) => !item.artifact).map((item) => item.str).join(' '));
  return { pdf, body, pageOf, pages };
}

/** Every paragraph of the DOCX, those in tables included, in document order. */
const paragraphs = (body: Element) => all(body, 'p');

/** A contents line of the DOCX: its text before the tab, the page its field shows, and the bookmark it links to. */
function docxContents(body: Element): { text: string; page?: string; anchor?: string }[] {
  return paragraphs(body)
    .filter((p) => /^TOC[12]$/.test(styleOf(p) ?? ''))
    .map((p) => {
      const runs = all(p, 'r');
      const separate = runs.findIndex((r) => all(r, 'fldChar').some((f) => wAttr(f, 'fldCharType') === 'separate'));
      const tab = runs.findIndex((r) => all(r, 'tab').length > 0);
      const text = runs.slice(0, tab === -1 ? runs.length : tab).map(textOf).join('');
      const link = all(p, 'hyperlink')[0];
      return { text, ...(separate >= 0 ? { page: textOf(runs[separate + 1]!) } : {}), ...(link ? { anchor: wAttr(link, 'anchor')! } : {}) };
    });
}

/** Cell texts of each DOCX data table (those with a repeated header row), row by row. */
function docxTables(body: Element): { cells: string[][]; widths: number[] }[] {
  return all(body, 'tbl')
    .filter((t) => all(all(t, 'tr')[0]!, 'tblHeader').length > 0)
    .map((t) => ({
      cells: all(t, 'tr').map((row) => all(row, 'tc').map(textOf)),
      widths: all(t, 'gridCol').map((col) => Number(wAttr(col, 'w'))),
    }));
}

/** Where `text` ends in `haystack` after `from`, whole or in two pieces in order (a table cell split between pages); -1 when it is not there. */
function findSplit(haystack: string, text: string, from: number): number {
  const whole = haystack.indexOf(text, from);
  if (whole >= 0) return whole + text.length;
  for (let cut = text.length - 1; cut > 0; cut--) {
    const head = haystack.indexOf(text.slice(0, cut), from);
    if (head < 0) continue;
    const tail = haystack.indexOf(text.slice(cut), head + cut);
    if (tail >= 0) return tail + text.length - cut;
  }
  return -1;
}

/** Two tables' columns rank alike: every two columns that clearly differ (by over 2% of the table) in both are in the same order in both. */
function sameRanking(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  const clear = (w: readonly number[]) => {
    const total = w.reduce((x, y) => x + y, 0);
    return (i: number, j: number) => (Math.abs(w[i]! - w[j]!) > total * 0.02 ? Math.sign(w[i]! - w[j]!) : 0);
  };
  const [ca, cb] = [clear(a), clear(b)];
  for (let i = 0; i < a.length; i++) for (let j = i + 1; j < a.length; j++) if (ca(i, j) * cb(i, j) < 0) return false;
  return true;
}

/**
 * The column widths of the PDF's tables, in order, from the cell borders drawn: each row strokes
 * one rectangle per cell, so a run of rectangles at one height is a row and their widths its columns.
 */
async function pdfTableWidths(pdf: PDFDocumentProxy): Promise<number[][]> {
  const found: number[][] = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    const ops = await (await pdf.getPage(i)).getOperatorList();
    const rows = new Map<string, [number, number][]>();
    ops.fnArray.forEach((fn, k) => {
      if (fn !== OPS.constructPath) return;
      const box = ops.argsArray[k][2] as ArrayLike<number> | undefined;
      if (!box || box.length < 4) return;
      const [x0, y0, x1, y1] = [box[0]!, box[1]!, box[2]!, box[3]!];
      if (Math.abs(y1 - y0) < 4 || Math.abs(x1 - x0) < 4) return;
      const key = `${y0.toFixed(1)}:${y1.toFixed(1)}`;
      rows.set(key, [...(rows.get(key) ?? []), [x0, x1]]);
    });
    for (const cells of rows.values()) {
      const unique = [...new Map(cells.map((c) => [`${c[0].toFixed(1)}:${c[1].toFixed(1)}`, c])).values()].sort((a, b) => a[0] - b[0]);
      // A filled header or group row adds one rectangle across the table under its cells.
      const widths = unique.map(([x0, x1]) => x1 - x0);
      const total = widths.reduce((a, b) => a + b, 0);
      const columns = widths.filter((w) => Math.abs(w - (total - w)) > 0.5);
      if (columns.length < 2) continue;
      const last = found.at(-1);
      if (!last || last.length !== columns.length || last.some((w, c) => Math.abs(w - columns[c]!) > 0.5)) found.push(columns);
    }
  }
  return found;
}

function compare(name: string, tree: () => SourceTree, edition: string) {
  describe(`the PDF and the DOCX of ${name} (${edition} edition)`, () => {
    let out: Outputs;
    beforeAll(async () => {
      out = await build(tree(), edition);
    }, 120_000);

    it('list the same contents lines, with the DOCX page numbers the PDF’s destinations', () => {
      const lines = docxContents(out.body);
      expect(lines.length).toBeGreaterThan(3);
      const contentsPages = out.pages.map((text, i) => [text, i] as const).filter(([text]) => bare(text).includes(bare(lines[0]!.text)));
      const pdfContents = bare(contentsPages.map(([text]) => text).join(' '));
      // The PDF's contents text is the DOCX's lines, each followed by its number, in the same order.
      expect(pdfContents).toContain(bare(lines.map((line) => `${line.text}${line.page ?? ''}`).join('')));
      for (const line of lines.filter((l) => l.anchor)) expect(line.page, line.text).toBe(String(out.pageOf.get(line.anchor!)));
      // The committee edition prints withheld papers, and marks them in its contents.
      if (edition === 'committee') expect(lines.filter((line) => line.text.endsWith('(restricted)')).map((line) => line.text)).toEqual(['Country updates (restricted)', 'Draft OGP Trust Fund concept note (restricted)']);
    });

    it('give the agendas’ papers the same references, the DOCX’s p. N the PDF’s page', () => {
      const references = all(out.body, 'tbl')
        .flatMap((t) => all(t, 'p'))
        .filter((p) => all(p, 'instrText').some((i) => i.textContent!.includes('PAGEREF')));
      const pdfText = bare(out.pages.join(' '));
      let at = 0;
      for (const p of references) {
        const text = bare(textOf(p));
        const found = pdfText.indexOf(text, at);
        expect(found, textOf(p)).toBeGreaterThanOrEqual(0);
        at = found + text.length;
        const links = all(p, 'hyperlink');
        const page = textOf(links.at(-1)!).match(/\d+/)![0];
        expect(page).toBe(String(out.pageOf.get(wAttr(links.at(-1)!, 'anchor')!)));
      }
    });

    it('have the same headings in the same order', async () => {
      const docx = paragraphs(out.body).filter((p) => /^Heading[123]$/.test(styleOf(p) ?? '')).map((p) => textOf(p));
      const flatten = (nodes: { title: string; items: unknown[] }[]): string[] => nodes.flatMap((n) => [n.title, ...flatten(n.items as never)]);
      const outline = flatten(((await out.pdf.getOutline()) ?? []) as never);
      expect(docx.length).toBeGreaterThan(3);
      // The PDF's outline also has the contents and a part without a divider page, which are no headings in the DOCX.
      expect(outline.filter((title) => docx.includes(title))).toEqual(docx.filter((title) => outline.includes(title)));
      expect(outline.filter((title) => !docx.includes(title)).length).toBeLessThanOrEqual(2);
      // Headings below depth 3 are not in the outline; the rest must be.
      expect(docx.filter((title) => !outline.includes(title))).toEqual([]);
    });

    it('have the same table cells, in order', () => {
      const tables = docxTables(out.body);
      const pdfText = bare(out.pages.join(' '));
      let at = 0;
      for (const table of tables) {
        // The header row is drawn once outside artifacts; every row follows in reading order. A
        // row split across pages reads its cells' first parts, then their rest on the next page.
        for (const row of table.cells) {
          const start = at;
          for (const cell of row.map(bare).filter(Boolean)) {
            const end = findSplit(pdfText, cell, start);
            expect(end, cell).toBeGreaterThanOrEqual(0);
            at = Math.max(at, end);
          }
        }
      }
    });

    it('rank their tables’ column widths alike', async () => {
      const docx = docxTables(out.body).map((t) => t.widths).filter((w) => w.length > 1);
      const pdf = (await pdfTableWidths(out.pdf)).filter((w) => w.length > 1);
      expect(docx.length).toBeGreaterThan(0);
      // Each DOCX table, in order, has a PDF table with its columns ranked the same way.
      let at = 0;
      for (const widths of docx) {
        const index = pdf.findIndex((p, i) => i >= at && sameRanking(p, widths));
        expect(index, `${JSON.stringify(widths)} among ${JSON.stringify(pdf.map((p) => p.map(Math.round)))}`).toBeGreaterThanOrEqual(0);
        at = index;
      }
    });
  });
}

compare('the default pack', () => contentTree(), 'public');
compare('the default pack', () => contentTree(), 'committee');
compare('the council fixture', () => fileTree('test/fixtures/council'), 'public');
