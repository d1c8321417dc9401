/**
 * The PDF renderer: the pack plan and layout template in, PDF bytes out.
 *
 * Layout runs until page references settle: the first pass learns on which page every
 * anchor lands, the next draws the contents' and agendas' page numbers from that; a pass
 * whose pages match the previous one is the output. A watermark is drawn on each page as it
 * is added, beneath its content; headers and footers are written last, over the buffered
 * pages. Both are artifacts.
 */
import PDFDocument from 'pdfkit';
import type { Rendered, Renderer } from '../../build/formats.js';
import type { PackPlan } from '../../plan/plan.js';
import { packProperties } from '../../plan/properties.js';
import type { FontFiles, Layout } from '../../plan/template.js';
import { paginate, type Doc, type Pagination } from './flow.js';
import { registerSharedFonts } from './fonts.js';
import { furniture, watermark } from './furniture.js';
import { outline } from './outline.js';
import { escapeMetadata } from './pdfkit-adapter.js';
import { layoutPack, type PageNumbers } from './pack.js';
import { pdfStyle, type PdfStyle } from './style.js';
import { Tagger } from './tags.js';
import { Measure, PlacedText } from './text.js';

/** More passes than this means a page reference keeps moving the pages it counts. */
const MAX_PASSES = 4;

export const renderPdf: Renderer = async (plan: PackPlan, layout: Layout, fonts: FontFiles): Promise<Rendered> => {
  const { bytes, pagination, text, pages } = await settle(plan, layout, fonts, true);
  return { bytes: bytes!, pages: pagination.pages, text, anchors: Object.fromEntries(pages) };
};

/** The page (from 1) of every link target, from layout passes that draw nothing, for a format that prints the PDF's page numbers. */
export async function pdfPages(plan: PackPlan, layout: Layout, fonts: FontFiles): Promise<Record<string, number>> {
  return Object.fromEntries((await settle(plan, layout, fonts, false)).pages);
}

/**
 * Lays the pack out until a pass confirms the previous pass's page numbers; with `write`, that
 * pass is also drawn. The first pass, without page numbers, is never the output.
 */
async function settle(plan: PackPlan, layout: Layout, fonts: FontFiles, write: boolean): Promise<Awaited<ReturnType<typeof renderOnce>> & { pages: PageNumbers }> {
  const style = pdfStyle(layout);
  const widths = new Map<string, number>();
  let pages: PageNumbers = new Map();
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const result = await renderOnce(plan, style, fonts, pages, widths, write && pass > 0);
    const found = new Map([...result.pagination.anchors].map(([anchor, placed]) => [anchor, placed.page + 1]));
    if (pass > 0 && samePages(found, pages)) return { ...result, pages: found };
    pages = found;
  }
  throw new Error(`page numbers did not settle after ${MAX_PASSES} layout passes`);
}

function samePages(a: PageNumbers, b: PageNumbers): boolean {
  return a.size === b.size && [...a].every(([anchor, page]) => b.get(anchor) === page);
}

async function renderOnce(
  plan: PackPlan,
  style: PdfStyle,
  fonts: FontFiles,
  pages: PageNumbers,
  widths: Map<string, number>,
  write: boolean,
): Promise<{ bytes?: Uint8Array; pagination: Pagination; text?: string[] }> {
  const doc = newDocument(plan, style, fonts);
  const chunks: Uint8Array[] = [];
  doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });

  const tagger = new Tagger(doc);
  const placed = new PlacedText(doc);
  const ctx = { doc, tagger, style, placed, measure: new Measure(doc, style, widths), images: plan.images, labels: plan.labels, breaks: plan.breaks };
  const items = layoutPack(ctx, plan, pages);
  // A pass that only learns where anchors land places the items without drawing them.
  const pagination = paginate(doc, style, tagger, items, write ? { background: watermark(ctx, plan) } : { draw: false });
  if (!write) return { pagination };
  for (const [anchor, placed] of pagination.anchors) {
    doc.switchToPage(placed.page);
    doc.addNamedDestination(anchor, 'XYZ', style.page.margins.left, placed.y, null as never);
  }
  furniture(ctx, plan, pagination);
  outline(doc, style, plan, pagination);
  doc.end();
  await ended;
  const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { bytes, pagination, text: placed.pages };
}

function newDocument(plan: PackPlan, style: PdfStyle, fonts: FontFiles): Doc {
  const { width, height, margins } = style.page;
  const properties = packProperties(plan);
  const doc = new PDFDocument({
    size: [width, height],
    margins,
    autoFirstPage: false,
    bufferPages: true,
    tagged: true,
    lang: plan.language,
    displayTitle: true,
    pdfVersion: '1.7',
    subset: style.pdf.conformance,
    // No default font: pdfkit would set up Helvetica, a standard (unembedded) font; the regular face is selected below.
    font: null,
    info: {
      Title: properties.title,
      Author: properties.author,
      Subject: properties.subject,
      Keywords: properties.keywords,
      Creator: 'ogp-pack',
      CreationDate: plan.date,
      ModDate: plan.date,
    },
  } as never) as Doc;
  // Faces are selected by registered name: pdfkit caches an embedded font under that name (and its PostScript name), so each face is embedded once.
  registerSharedFonts(doc, Object.fromEntries((Object.keys(fonts) as (keyof FontFiles)[]).map((face) => [style.faces[face], fonts[face]])));
  doc.font(style.faces.regular);
  // PDF/A wants the Info dictionary's dates mirrored in the XMP metadata; pdfkit writes only the creation date.
  doc.appendXML(
    `<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/"><xmp:ModifyDate>${plan.date.toISOString().split('.')[0]}Z</xmp:ModifyDate></rdf:Description>`,
  );
  escapeMetadata(doc);
  return doc;
}
