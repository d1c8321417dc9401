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
  const [remarkDocx, docx] = await Promise.all([import('remark-docx'), import('docx')]);
  tunePacker(docx.Packer as unknown as { compiler: Compiler });
  return remarkDocx.default;
}

interface Zip {
  generateAsync(options: Record<string, unknown>): Promise<unknown>;
}
interface Compiler {
  compile(...args: unknown[]): Zip;
  numberingReplacer: { replace(xml: string, numberings: readonly { reference: string; instance: number; numId: number }[]): string };
  tuned?: boolean;
}

/**
 * Two changes to the packer remark-docx calls (the one `docx` instance), neither of which
 * changes the document:
 * - docx fills in list numbering with one regular-expression pass over each part per list in
 *   the pack, which grows with the square of the pack's length; here it is one pass in all.
 * - The package it writes is only read back by the finishing step (`finishDocx`), which
 *   compresses the final file, so it is written uncompressed.
 */
function tunePacker(packer: { compiler: Compiler }): void {
  const compiler = packer.compiler;
  if (compiler.tuned) return;
  compiler.tuned = true;
  compiler.numberingReplacer.replace = (xml, numberings) => {
    if (numberings.length === 0) return xml;
    const ids = new Map(numberings.map((n) => [`${n.reference}-${n.instance}`, String(n.numId)]));
    return xml.replace(/\{([^{}]+)\}/g, (token, key: string) => ids.get(key) ?? token);
  };
  const compile = compiler.compile.bind(compiler);
  compiler.compile = (...args) => {
    const zip = compile(...args);
    const generate = zip.generateAsync.bind(zip);
    zip.generateAsync = (options) => generate({ ...options, compression: 'STORE' });
    return zip;
  };
}

/** Compiles a Markdown tree to DOCX bytes with remark-docx. */
export async function markdownToDocx(tree: Root, options: DocxOptions = {}): Promise<Uint8Array> {
  const [{ unified }, remarkDocx] = await Promise.all([import('unified'), loadRemarkDocx()]);
  const processor = unified().use(remarkDocx, options);
  const buffer = await processor.stringify(await processor.run(tree));
  return new Uint8Array(buffer);
}
