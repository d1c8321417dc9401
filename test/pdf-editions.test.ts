/**
 * What an edition adds to every page of the PDF, read back with pdfjs: the edition on the cover,
 * the edition line in every footer, the watermark on every page and a withheld paper's banner
 * on every page of that paper.
 */
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { editionPlan } from '../src/build/build.js';
import type { PackPlan } from '../src/plan/plan.js';
import { fill, loadLayout, PAGE_SIZES, type FontFiles, type Layout } from '../src/plan/template.js';
import type { Pack } from '../src/model/pack.js';
import { readPack } from '../src/pipeline.js';
import { renderPdf } from '../src/render/pdf/index.js';
import { artifactText, contentText, destinationPage, markedItems, openPdf, squash } from './helpers/pdf.js';
import { contentTree } from './helpers/trees.js';

interface Rendered {
  plan: PackPlan;
  bytes: Uint8Array;
  pdf: PDFDocumentProxy;
}

let pack: Pack;
let layout: Layout;
let fonts: FontFiles;

async function render(edition: number, options: { draft?: boolean; adjust?: (plan: PackPlan) => void; pack?: Pack } = {}): Promise<Rendered> {
  const from = options.pack ?? pack;
  const plan = editionPlan(from, from.editions[edition]!, layout, fonts, {}, options.draft);
  options.adjust?.(plan);
  const { bytes } = await renderPdf(plan, layout, fonts);
  return { plan, bytes, pdf: await openPdf(bytes) };
}

/** A page's text items with their position (PDF user space, y up) and whether they sit in Artifact marked content. */
/** A page's non-blank text items with their positions and whether each is an artifact. */
const placedItems = async (pdf: PDFDocumentProxy, pageIndex: number) => (await markedItems(pdf, pageIndex)).filter((item) => item.str.trim());

const pageIndexes = (pdf: PDFDocumentProxy) => Array.from({ length: pdf.numPages }, (_, i) => i);

let publicPdf: Rendered;
let committee: Rendered;
let draft: Rendered;

beforeAll(async () => {
  ({ pack } = (await readPack(contentTree())) as { pack: Pack });
  ({ layout, fonts } = (await loadLayout()) as { layout: Layout; fonts: FontFiles });
  publicPdf = await render(0);
  committee = await render(1);
  draft = await render(1, { draft: true });
}, 120_000);

describe('the edition on the cover and in the footer', () => {
  it('names the edition on the cover, beside its marking when the marking says more than the edition’s name', async () => {
    expect(await contentText(committee.pdf, 0)).toContain(`${committee.plan.cover.edition} ${committee.plan.cover.marking}`);
    // `PUBLIC` under `Public edition` would say it twice.
    expect(publicPdf.plan.cover.marking).toBeUndefined();
    expect(await contentText(publicPdf.pdf, 0)).toContain(`${publicPdf.plan.cover.edition} Version of`);
    // A restricted edition's cover says so, whatever its marking; the public one names only its edition.
    expect(committee.plan.cover.edition).toBe('Committee edition (restricted)');
    expect(publicPdf.plan.cover.edition).toBe('Public edition');
  });

  it('puts the edition’s footer line on every page after the cover, and nothing on the cover', async () => {
    for (const { plan, pdf } of [publicPdf, committee]) {
      expect(await artifactText(pdf, 0)).not.toContain(squash(plan.edition.footer));
      for (const page of pageIndexes(pdf).slice(1)) expect(await artifactText(pdf, page), `page ${page + 1}`).toContain(squash(plan.edition.footer));
    }
    expect(committee.plan.edition.footer).toMatch(/^Committee edition · /);
  });

  it('wraps an edition line too long for the footer instead of running it into the page number or cutting it', async () => {
    const footer = `${'A very long edition marking that no footer line can hold '.repeat(3)}END`;
    const { pdf } = await render(1, { adjust: (plan) => (plan.edition.footer = footer) });
    const bottom = layout.page.margins.bottom;
    for (const page of [1, pdf.numPages - 1]) {
      const items = (await placedItems(pdf, page)).filter((i) => i.artifact && i.y < bottom);
      const number = items.find((i) => i.str.startsWith(fill(layout.labels.page, { page: page + 1, pages: pdf.numPages }).split(' ')[0]!))!;
      expect(number, `page ${page + 1}`).toBeDefined();
      const lines = items.filter((i) => i !== number);
      expect(squash(lines.map((i) => i.str).join(' '))).toBe(squash(footer));
      expect(new Set(lines.map((i) => Math.round(i.y))).size).toBeGreaterThan(1);
      for (const line of lines) expect(line.x + line.width, line.str).toBeLessThan(number.x);
    }
  });
});

describe('the watermark', () => {
  it('is on every page of a draft, the cover included, as an artifact drawn before the page’s content', async () => {
    const mark = draft.plan.edition.watermark!;
    expect(mark).toBe(layout.labels.draft);
    for (const page of pageIndexes(draft.pdf)) {
      expect(await artifactText(draft.pdf, page), `page ${page + 1}`).toContain(mark);
      expect(await contentText(draft.pdf, page), `page ${page + 1}`).not.toContain(mark);
      // Drawn first, so everything else on the page is drawn over it.
      expect((await placedItems(draft.pdf, page))[0]!.str, `page ${page + 1}`).toBe(mark);
    }
  });

  it('is not in the structure tree', async () => {
    const tree = JSON.stringify(await (await draft.pdf.getPage(1)).getStructTree());
    expect(tree).not.toContain(draft.plan.edition.watermark!);
  });

  it('is absent when the edition has none', async () => {
    for (const { plan, pdf } of [publicPdf, committee]) {
      expect(plan.edition.watermark).toBeUndefined();
      for (const page of pageIndexes(pdf)) expect((await placedItems(pdf, page)).some((i) => i.str.includes(layout.labels.draft)), `page ${page + 1}`).toBe(false);
    }
  });
});

describe('the banner of a withheld paper', () => {
  /** Pages (0-based) of every document with a marking: from its title's page up to the next document's or part's page. */
  async function markedPages({ plan, pdf }: Rendered): Promise<Map<number, string>> {
    const starts: number[] = [];
    for (const part of plan.parts) {
      if (part.divider) starts.push(await destinationPage(pdf, part.anchor));
      for (const document of part.documents) starts.push(await destinationPage(pdf, document.anchor));
    }
    const marked = new Map<number, string>();
    for (const document of plan.parts.flatMap((p) => p.documents)) {
      if (!document.marking) continue;
      const first = await destinationPage(pdf, document.anchor);
      const end = Math.min(pdf.numPages, ...starts.filter((s) => s > first));
      for (let page = first; page < end; page++) marked.set(page, document.marking);
    }
    return marked;
  }

  it('runs across the head of every page of the paper, continuation pages included, and of no other page', async () => {
    // A longer body, so the paper runs over several pages.
    const paragraph = 'This paragraph stands in for the paper’s text, long enough to run over several lines of the page and so make the paper continue on further pages. ';
    const { pack: longer } = (await readPack(contentTree({ 'papers/country-updates.md': (text) => `${text}\n${`${paragraph.repeat(4)}\n\n`.repeat(30)}` }))) as { pack: Pack };
    const rendered = await render(1, { pack: longer });
    const marked = await markedPages(rendered);
    const marking = rendered.plan.parts.flatMap((p) => p.documents).find((d) => d.id === 'country-updates')!.marking!;
    expect(marking).toBe('RESTRICTED — PRE-DECISION — NOT FOR CIRCULATION');
    expect([...marked.values()].filter((m) => m === marking).length).toBeGreaterThan(2);
    expect(new Set(marked.values()).size).toBe(1);
    const top = PAGE_SIZES[layout.page.size].height - layout.page.margins.top;
    for (const page of pageIndexes(rendered.pdf)) {
      const items = await placedItems(rendered.pdf, page);
      const banner = items.filter((i) => i.artifact && i.str.includes('NOT FOR CIRCULATION'));
      if (!marked.has(page)) {
        expect(banner, `page ${page + 1}`).toEqual([]);
        continue;
      }
      expect(banner.map((i) => i.str), `page ${page + 1}`).toEqual([marked.get(page)]);
      // In the page head, above the running header's short title.
      const short = items.find((i) => i.artifact && i.str === rendered.plan.shortTitle)!;
      expect(banner[0]!.y, `page ${page + 1}`).toBeGreaterThan(top);
      expect(banner[0]!.y, `page ${page + 1}`).toBeGreaterThan(short.y + layout.sizes.small);
    }
  });

  it('marks both withheld papers of the committee edition and nothing in the public edition', async () => {
    const marked = await markedPages(committee);
    const withheld = committee.plan.parts.flatMap((p) => p.documents).filter((d) => d.marking);
    expect(withheld.map((d) => d.title)).toEqual(['Country updates', 'Draft OGP Trust Fund concept note']);
    for (const document of withheld) expect(marked.get(await destinationPage(committee.pdf, document.anchor))).toBe(document.marking);
    for (const page of pageIndexes(committee.pdf)) {
      const banner = squash(await artifactText(committee.pdf, page)).includes('NOT FOR CIRCULATION');
      expect(banner, `page ${page + 1}`).toBe(marked.has(page));
    }
    for (const page of pageIndexes(publicPdf.pdf)) expect(await artifactText(publicPdf.pdf, page), `page ${page + 1}`).not.toContain('NOT FOR CIRCULATION');
  });
});

describe('reproducible edition PDFs', () => {
  it('gives the same bytes for the same draft committee plan', async () => {
    const again = await renderPdf(draft.plan, layout, fonts);
    expect(Buffer.from(again.bytes).equals(Buffer.from(draft.bytes))).toBe(true);
  });
});
