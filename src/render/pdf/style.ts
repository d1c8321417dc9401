/** The settings the PDF renderer draws with: the layout template, with the page size and font names resolved. */
import { PAGE_SIZES, type FontFace, type Layout } from '../../plan/template.js';

export type FontKey = FontFace;

/** The names the font files are registered under in each document (see `registerFonts`). */
const FONT_NAMES: Record<FontKey, string> = { regular: 'pack-regular', bold: 'pack-bold', italic: 'pack-italic', boldItalic: 'pack-bold-italic' };

/**
 * The layout template as the PDF renderer reads it: the template itself, the page's size in
 * points, and the names its font faces are registered under.
 */
export interface PdfStyle extends Layout {
  page: Layout['page'] & { width: number; height: number };
  /** The registered name of each face, for `doc.font()`. */
  faces: Record<FontKey, string>;
}

export function pdfStyle(layout: Layout): PdfStyle {
  return { ...layout, page: { ...layout.page, ...PAGE_SIZES[layout.page.size] }, faces: FONT_NAMES };
}
