import { DOMParser, type Document, type Element } from '@xmldom/xmldom';
import JSZip from 'jszip';
import { editionPlan } from '../../src/build/build.js';
import type { PackPlan } from '../../src/plan/plan.js';
import { loadLayout, type Layout } from '../../src/plan/template.js';
import { readPack } from '../../src/pipeline.js';
import { renderDocx } from '../../src/render/docx/render.js';
import { pdfPages } from '../../src/render/pdf/index.js';
import { contentTree } from './trees.js';

export const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
export const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

export interface RenderedDocx {
  plan: PackPlan;
  layout: Layout;
  bytes: Uint8Array;
  /** The page of every anchor in the PDF of the same plan: the page numbers the DOCX prints. */
  pages: Record<string, number>;
}

/** Plans the default content (with `edits` applied) and renders it as DOCX, after `adjust` if given. */
export async function renderDefaultDocx(edits: Parameters<typeof contentTree>[0] = {}, adjust?: (plan: PackPlan) => void): Promise<RenderedDocx> {
  const { pack, diagnostics } = await readPack(contentTree(edits));
  if (!pack) throw new Error(`the content has errors: ${diagnostics.map(String).join('; ')}`);
  const { layout, fonts } = await loadLayout();
  const plan = editionPlan(pack, pack.editions[0]!, layout!, fonts!, {});
  adjust?.(plan);
  const pages = await pdfPages(plan, layout!, fonts!);
  const { bytes } = await renderDocx(plan, layout!, fonts!, { pages });
  return { plan, layout: layout!, bytes, pages };
}

/** The DOCX package opened with JSZip, its XML parts parsed with xmldom. */
export async function openDocx(bytes: Uint8Array) {
  const zip = await JSZip.loadAsync(bytes);
  const xml = async (name: string): Promise<Document> => {
    const file = zip.file(name);
    if (!file) throw new Error(`no ${name} in the DOCX`);
    return new DOMParser().parseFromString(await file.async('string'), 'application/xml');
  };
  return { zip, xml };
}

export const all = (node: Document | Element, name: string): Element[] => Array.from(node.getElementsByTagNameNS(W, name));
export const wAttr = (el: Element, name: string) => el.getAttributeNS(W, name);
/** The text of an element's runs, as a reader sees it. */
export const textOf = (el: Element) => all(el, 't').map((t) => t.textContent).join('');
export const styleOf = (p: Element) => {
  const style = all(p, 'pStyle')[0];
  return style ? wAttr(style, 'val') : null;
};
