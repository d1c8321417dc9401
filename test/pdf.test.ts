import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { toString } from 'mdast-util-to-string';
import { beforeAll, describe, expect, it } from 'vitest';
import { fill } from '../src/plan/template.js';
import { agendaItems, type DocumentPlan, type PackPlan } from '../src/plan/plan.js';
import type { FontFiles, Layout } from '../src/plan/template.js';
import { packProperties } from '../src/plan/properties.js';
import { renderPdf } from '../src/render/pdf/index.js';
import { artifactText, contentText, defaultPdf, destinationPage, markedTag, openPdf, pageFonts, pageText, roles, squash, type StructNode } from './helpers/pdf.js';

let bytes: Uint8Array;
let manifestPages: number | undefined;
let plan: PackPlan;
let layout: Layout;
let fonts: FontFiles;
let pdf: PDFDocumentProxy;

beforeAll(async () => {
  ({ bytes, pages: manifestPages, plan, layout, fonts } = await defaultPdf());
  pdf = await openPdf(bytes);
}, 60_000);

const documents = () => plan.parts.flatMap((part) => part.documents);
const documentById = (id: string) => documents().find((d) => d.id === id)!;

/** The text of a document's pages: from its title's page to the page before the next document. */
async function documentText(document: DocumentPlan): Promise<string> {
  const all = documents();
  const first = await destinationPage(pdf, document.anchor);
  const next = all[all.indexOf(document) + 1];
  const last = next ? (await destinationPage(pdf, next.anchor)) - 1 : pdf.numPages - 1;
  const pages: string[] = [];
  for (let i = first; i <= last; i++) pages.push(await contentText(pdf, i));
  return pages.join(' ');
}

describe('the PDF briefing pack', () => {
  it('has the page count the manifest reports', () => {
    expect(manifestPages).toBeGreaterThan(10);
    expect(pdf.numPages).toBe(manifestPages);
  });

  it('carries the text of several papers in reading order', async () => {
    for (const id of ['joint-declaration', 'subnational-memo', 'subnational-concept-note', 'iep-biographies']) {
      const document = documentById(id);
      const text = await documentText(document);
      const blocks = document.body.children.filter((n) => n.type === 'paragraph' || n.type === 'heading').map((n) => squash(toString(n)));
      expect(blocks.length, id).toBeGreaterThan(3);
      let at = text.indexOf(squash(document.title));
      expect(at, `${id}: title`).toBeGreaterThanOrEqual(0);
      for (const block of blocks) {
        const next = text.indexOf(block, at);
        expect(next, `${id}: "${block.slice(0, 60)}…" after offset ${at}`).toBeGreaterThanOrEqual(at);
        at = next + block.length;
      }
    }
  });

  it('starts every document on a new page under its title', async () => {
    for (const document of documents()) {
      const page = await destinationPage(pdf, document.anchor);
      expect((await contentText(pdf, page)).startsWith(squash(document.title)), document.id).toBe(true);
      expect(await artifactText(pdf, page), document.id).toContain(document.title.slice(0, 40));
    }
  });

  it('has outline entries that point at the pages where their titles are', async () => {
    const outline = await pdf.getOutline();
    const visit = async (items: typeof outline, depth: number): Promise<number> => {
      let count = 0;
      for (const item of items) {
        const page = await destinationPage(pdf, item.dest as never);
        // A part without a divider page prints no title of its own: its entry opens its first document.
        const part = plan.parts.find((p) => p.title === item.title && !p.divider);
        const title = part ? part.documents[0]!.title : item.title;
        expect(await contentText(pdf, page), `outline "${item.title}"`).toContain(squash(title));
        count += 1 + (await visit(item.items, depth + 1));
      }
      return count;
    };
    const total = await visit(outline, 0);
    const expected = 1 + plan.agendas.length + plan.parts.length + documents().reduce((n, d) => n + 1 + d.headings.length, 0);
    expect(total).toBe(expected);
    // Nested: part → document → section.
    const annex = outline.find((item) => item.title === plan.parts[1]!.title)!;
    const note = annex.items.find((item: { title: string }) => item.title === documentById('subnational-concept-note').title)!;
    expect(note.items.map((item: { title: string }) => item.title)).toContain('Annex 1: Pilot Program Design Process');
  });

  it('links every agenda paper to the first page of that paper, and prints that page number', async () => {
    let checked = 0;
    for (const agenda of plan.agendas) {
      const first = await destinationPage(pdf, agenda.anchor);
      const next = plan.agendas[plan.agendas.indexOf(agenda) + 1];
      const last = next ? (await destinationPage(pdf, next.anchor)) - 1 : first + 3;
      const links = new Map<string, number>();
      let text = '';
      for (let i = first; i <= last; i++) {
        text += ` ${await pageText(pdf, i)}`;
        for (const annotation of await (await pdf.getPage(i + 1)).getAnnotations()) {
          if (annotation.subtype === 'Link' && typeof annotation.dest === 'string') links.set(annotation.dest, await destinationPage(pdf, annotation.dest));
        }
      }
      for (const paper of agendaItems(agenda).flatMap((item) => item.papers)) {
        if (!paper.anchor) {
          expect(squash(text), paper.id).toContain(`${squash(paper.title)} (${paper.note})`);
          continue;
        }
        const target = links.get(paper.anchor);
        expect(target, paper.id).toBeDefined();
        expect(await pageText(pdf, target!), paper.id).toContain(squash(paper.title).slice(0, 30));
        expect(target).toBe(await destinationPage(pdf, paper.anchor));
        const listed = paper.note ? `${squash(paper.title)} (${paper.note})` : squash(paper.title);
        expect(squash(text)).toContain(`${listed}, ${fill(layout.labels.pageReference, { page: target! + 1 })}`);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(5);
  });

  it('lists the contents with page numbers that match where each entry is', async () => {
    const contents = await pageText(pdf, 1);
    for (const entry of plan.parts.flatMap((part) => part.entries)) {
      const listed = entry.note ? `${squash(entry.title)} (${entry.note})` : squash(entry.title);
      if (entry.anchor) expect(contents).toContain(`${listed} ${(await destinationPage(pdf, entry.anchor)) + 1}`);
      else expect(contents).toContain(listed);
    }
  });

  it('writes "Page X of Y" in the footer, right on the last page, and nothing on the cover', async () => {
    const last = pdf.numPages;
    expect(await artifactText(pdf, last - 1)).toContain(fill(layout.labels.page, { page: last, pages: last }));
    expect(await artifactText(pdf, last - 1)).toContain(squash(plan.edition.footer));
    expect(await artifactText(pdf, 0)).toBe('');
    expect(await pageText(pdf, 0)).not.toContain(fill(layout.labels.page, { page: 1, pages: last }));
    const page = await destinationPage(pdf, documentById('joint-declaration').anchor);
    expect(await artifactText(pdf, page)).toContain(plan.shortTitle);
  });

  it('leaves no heading at the bottom of a page and no page blank', async () => {
    // A heading may end a page only where its agenda or document ends too.
    const starts = new Set<number>();
    for (const anchor of [...plan.agendas.map((a) => a.anchor), ...plan.parts.map((p) => p.anchor), ...documents().map((d) => d.anchor)]) starts.add(await destinationPage(pdf, anchor));
    for (let i = 1; i < pdf.numPages; i++) {
      expect((await contentText(pdf, i)).length, `page ${i + 1}`).toBeGreaterThan(0);
      if (starts.has(i + 1) || i === pdf.numPages - 1) continue;
      const items = (await (await pdf.getPage(i + 1)).getTextContent({ includeMarkedContent: true })).items;
      const tags = items.flatMap((item) => ('type' in item && item.type === 'beginMarkedContentProps' && markedTag(item) !== 'Artifact' ? [markedTag(item)] : []));
      expect(tags.at(-1), `last block on page ${i + 1}`).not.toMatch(/^H\d$/);
    }
  });

  it('embeds every font it draws with', async () => {
    const names = new Set<string>();
    for (let i = 0; i < pdf.numPages; i++) {
      for (const font of await pageFonts(pdf, i)) {
        expect(font.missingFile, font.name).toBe(false);
        names.add(font.name.replace(/^[A-Z]{6}\+/, ''));
      }
    }
    expect([...names].sort()).toEqual(['NotoSans-Bold', 'NotoSans-Italic', 'NotoSans-Regular']);
  });

  it('is a tagged PDF with structure for headings, paragraphs, lists, tables and links', async () => {
    expect(await pdf.getMarkInfo()).toMatchObject({ Marked: true });
    const found = new Set<string>();
    for (let i = 0; i < pdf.numPages; i++) for (const role of roles((await (await pdf.getPage(i + 1)).getStructTree()) as StructNode)) found.add(role);
    for (const role of ['Document', 'H1', 'H2', 'H3', 'P', 'L', 'LI', 'Lbl', 'LBody', 'Table', 'TR', 'TH', 'TD', 'Link', 'TOC', 'TOCI']) expect(found, role).toContain(role);
    // Header cells are column headers; a group row's cell spans the peer-exchange table's five columns.
    const raw = new TextDecoder('latin1').decode(bytes);
    expect(raw).toMatch(/\/S \/TH[^>]*\/A <<\s*\/O \/Table\s*\/Scope \/Column/);
    expect(raw).toMatch(/\/S \/TD[^>]*\/A <<\s*\/O \/Table\s*\/ColSpan 5/);
  });

  it('declares its title, language and PDF/A-2 conformance', async () => {
    const { info, metadata } = await pdf.getMetadata();
    const properties = packProperties(plan);
    expect(info).toMatchObject({ Language: layout.language, Title: properties.title, Subject: properties.subject, Author: properties.author });
    expect(metadata?.get('pdfaid:part')).toBe('2');
    expect(metadata?.get('pdfaid:conformance')).toBe(layout.pdf.conformance.slice(-1).toUpperCase());
    expect(metadata?.get('dc:title')).toContain(plan.title);
    const text = new TextDecoder('latin1').decode(bytes);
    expect(text).toMatch(/\/OutputIntents \[\d+ 0 R\]/);
    expect(text).toMatch(/\/DisplayDocTitle true/);
  });

  it('repeats the header row on every page a table continues on', async () => {
    const document = documentById('peer-exchange-2015');
    const first = await destinationPage(pdf, document.anchor);
    const next = await destinationPage(pdf, documentById('working-groups-overview').anchor);
    expect(next - first).toBeGreaterThan(1);
    for (let page = first + 1; page < next; page++) expect(await artifactText(pdf, page), `page ${page + 1}`).toMatch(/Description/);
  });

  it('is reproducible: the same plan renders to the same bytes, dated from the plan', async () => {
    const again = await renderPdf(plan, layout, fonts);
    expect(Buffer.from(again.bytes).equals(Buffer.from(bytes))).toBe(true);
    const { info } = await pdf.getMetadata();
    const date = plan.date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
    expect(info).toMatchObject({ CreationDate: `D:${date}Z`, ModDate: `D:${date}Z` });
  }, 60_000);
});
