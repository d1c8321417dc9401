/** Reading PDFs the way a viewer does, with pdfjs-dist, for end-to-end tests of the PDF renderer. */
import { getDocument, OPS, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { editionPlan } from '../../src/build/build.js';
import { FORMATS } from '../../src/build/formats.js';
import { readPack } from '../../src/pipeline.js';
import type { PackPlan } from '../../src/plan/plan.js';
import { loadLayout, type FontFiles, type Layout } from '../../src/plan/template.js';
import { defaultManifest, defaultOutput } from './default-pack.js';
import { contentTree } from './trees.js';

export const PDF = FORMATS.filter((format) => format.name === 'pdf');

/** The default pack's public PDF as `ogp-pack build` built it for this test run, its pages as its manifest gives them, and the plan it was drawn from. */
export async function defaultPdf(): Promise<{ bytes: Uint8Array; pages: number | undefined; plan: PackPlan; layout: Layout; fonts: FontFiles }> {
  const pages = defaultManifest('public').outputs.find((output) => output.format === 'pdf')?.pages;
  const { pack } = await readPack(contentTree());
  const { layout, fonts } = await loadLayout();
  const plan = editionPlan(pack!, pack!.editions[0]!, layout!, fonts!, {});
  return { bytes: defaultOutput('public', 'pdf'), pages, plan, layout: layout!, fonts: fonts! };
}

export function openPdf(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  return getDocument({ data: bytes.slice(), fontExtraProperties: true, isEvalSupported: false }).promise;
}

/** The tag of a marked-content item: pdfjs gives it at run time, though its types leave it out. */
export const markedTag = (item: object) => (item as { tag?: string }).tag;

/** Collapses whitespace, as a reader compares text. */
export const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

/** A page's text in content order, lines joined with spaces. */
export async function pageText(pdf: PDFDocumentProxy, pageIndex: number): Promise<string> {
  const page = await pdf.getPage(pageIndex + 1);
  const content = await page.getTextContent();
  return squash(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? ' ' : '') : '')).join(''));
}

/** A page's text items in drawing order, each with its position and whether it is inside Artifact marked content (running headers, footers, repeated table headers, watermarks). */
export async function markedItems(pdf: PDFDocumentProxy, pageIndex: number): Promise<{ str: string; hasEOL: boolean; x: number; y: number; width: number; artifact: boolean }[]> {
  const page = await pdf.getPage(pageIndex + 1);
  const items = (await page.getTextContent({ includeMarkedContent: true })).items;
  const stack: boolean[] = [];
  const placed: Awaited<ReturnType<typeof markedItems>> = [];
  for (const item of items) {
    if ('type' in item) {
      if (item.type === 'beginMarkedContent' || item.type === 'beginMarkedContentProps') stack.push(markedTag(item) === 'Artifact' || stack.at(-1) === true);
      else if (item.type === 'endMarkedContent') stack.pop();
    } else placed.push({ str: item.str, hasEOL: item.hasEOL, x: item.transform[4], y: item.transform[5], width: item.width, artifact: stack.at(-1) === true });
  }
  return placed;
}

/** A page's text split into what is inside Artifact marked content and the rest. */
async function markedText(pdf: PDFDocumentProxy, pageIndex: number): Promise<{ artifact: string; content: string }> {
  let artifact = '';
  let content = '';
  for (const item of await markedItems(pdf, pageIndex)) {
    if (item.artifact) artifact += `${item.str} `;
    else content += item.str + (item.hasEOL ? ' ' : '');
  }
  return { artifact: squash(artifact), content: squash(content) };
}

export async function artifactText(pdf: PDFDocumentProxy, pageIndex: number): Promise<string> {
  return (await markedText(pdf, pageIndex)).artifact;
}

/** A page's text without its artifacts: what a screen reader reads. */
export async function contentText(pdf: PDFDocumentProxy, pageIndex: number): Promise<string> {
  return (await markedText(pdf, pageIndex)).content;
}

/** The page index a destination (a name or an explicit array) points at. */
export async function destinationPage(pdf: PDFDocumentProxy, dest: string | unknown[] | null): Promise<number> {
  const explicit = typeof dest === 'string' ? await pdf.getDestination(dest) : dest;
  if (!explicit) throw new Error(`no destination ${String(dest)}`);
  return pdf.getPageIndex(explicit[0] as never);
}

/** The fonts a page's content draws with, as pdfjs loaded them. */
export async function pageFonts(pdf: PDFDocumentProxy, pageIndex: number): Promise<{ name: string; missingFile: boolean }[]> {
  const page = await pdf.getPage(pageIndex + 1);
  const ops = await page.getOperatorList();
  const ids = new Set<string>();
  ops.fnArray.forEach((fn, i) => {
    if (fn === OPS.setFont) ids.add(ops.argsArray[i][0] as string);
  });
  return [...ids].map((id) => page.commonObjs.get(id) as { name: string; missingFile: boolean });
}

export interface StructNode {
  role?: string;
  type?: string;
  children?: StructNode[];
}

/** Every role in a structure tree, depth first. */
export function roles(node: StructNode | null): string[] {
  if (!node) return [];
  return [...(node.role ? [node.role] : []), ...(node.children ?? []).flatMap(roles)];
}
