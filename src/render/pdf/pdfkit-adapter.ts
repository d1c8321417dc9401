/**
 * Every use of pdfkit beyond its public API, in one place. pdfkit 0.20 offers no way to do
 * these; each function says which private member it reads or which method of one document it
 * wraps, so that an update of pdfkit is checked here and nowhere else. Nothing here changes
 * pdfkit's own modules: wrapped methods belong to one document object.
 */
import type { Doc } from './flow.js';

/** The font object pdfkit made for the face last selected (`doc._font`), with its fontkit font and word layout cache. */
interface PdfkitFont {
  font?: unknown;
  ascender: number;
  descender: number;
  layoutCache?: Record<string, unknown>;
}

const currentFont = (doc: Doc): PdfkitFont => (doc as unknown as { _font: PdfkitFont })._font;

/** Ascender and descender of a face per unit of font size, from the font pdfkit made for it (`_font`, in thousandths of an em). */
export function faceMetrics(doc: Doc, face: string): { ascender: number; descender: number } {
  doc.font(face);
  const font = currentFont(doc);
  return { ascender: font.ascender / 1000, descender: -font.descender / 1000 };
}

/**
 * Gives every pdfkit font object of `doc` whose fontkit font is a key of `layouts` that word
 * layout cache (`_font.layoutCache`), as its font is selected. pdfkit makes a font object the
 * first time a face is selected, so `doc.font` of this document is wrapped to attach it then.
 */
export function shareWordLayouts(doc: Doc, layouts: ReadonlyMap<unknown, Record<string, unknown>>): void {
  const select = doc.font.bind(doc) as (...args: unknown[]) => Doc;
  (doc as { font: (...args: unknown[]) => Doc }).font = (...args: unknown[]) => {
    select(...args);
    const current = currentFont(doc);
    const shared = layouts.get(current.font);
    if (shared && current.layoutCache && current.layoutCache !== shared) current.layoutCache = shared;
    return doc;
  };
}

const XML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/**
 * pdfkit copies the Info strings into the XMP packet unescaped; a title with `&` would make the
 * XMP (and PDF/A) invalid. This document's `endMetadata` (pdfkit's, which writes the packet) is
 * wrapped to see the Info strings (`info`) escaped while it runs, and the Info dictionary keeps them as they are.
 */
export function escapeMetadata(doc: Doc): void {
  const target = doc as unknown as { info: Record<string, unknown>; endMetadata(): void };
  const endMetadata = target.endMetadata.bind(doc);
  target.endMetadata = () => {
    const info = target.info;
    target.info = Object.fromEntries(Object.entries(info).map(([key, value]) => [key, typeof value === 'string' ? value.replace(/[&<>"']/g, (c) => XML_ENTITIES[c]!) : value]));
    try {
      endMetadata();
    } finally {
      target.info = info;
    }
  };
}

/** Sets a structure element's table attributes (its private `dictionary.data.A`), which `doc.struct` options cannot: a cell spanning columns. */
export function setColumnSpan(element: unknown, colSpan: number): void {
  (element as { dictionary: { data: Record<string, unknown> } }).dictionary.data.A = { O: 'Table', ColSpan: colSpan };
}
