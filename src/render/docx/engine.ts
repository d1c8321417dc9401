import type { Root } from 'mdast';
import type { IStylesOptions } from 'docx';
import type { DocxPlugin } from './builders.js';

/** The remark-docx 0.3.29 options the pack uses (its own declarations type as `any` under NodeNext). */
export interface DocxOptions {
  title?: string;
  subject?: string;
  creator?: string;
  styles?: IStylesOptions;
  /** Page size and margins in twips. */
  size?: { width: number; height: number };
  margin?: { top: number; right: number; bottom: number; left: number };
  plugins?: DocxPlugin[];
  /** What a thematic break becomes; `section` starts a new section. */
  thematicBreak?: 'page' | 'section' | 'line';
}

/**
 * remark-docx 0.3.29 calls iterator helpers (`map.entries().reduce(…)`), which Node 22 has and
 * Node 20 lacks. The polyfill is installed only when they are missing and only when the DOCX
 * renderer loads, so `check` and the PDF path never carry it.
 */
export function needsIteratorHelpers(): boolean {
  const iteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())) as { reduce?: unknown };
  return typeof iteratorPrototype.reduce !== 'function';
}

export async function loadRemarkDocx() {
  if (needsIteratorHelpers()) await import('core-js/actual/iterator/index.js');
  return (await import('remark-docx')).default;
}

/** Compiles a Markdown tree to DOCX bytes with remark-docx. */
export async function markdownToDocx(tree: Root, options: DocxOptions = {}): Promise<Uint8Array> {
  const [{ unified }, remarkDocx] = await Promise.all([import('unified'), loadRemarkDocx()]);
  const processor = unified().use(remarkDocx, options);
  const buffer = await processor.stringify(await processor.run(tree));
  return new Uint8Array(buffer);
}
