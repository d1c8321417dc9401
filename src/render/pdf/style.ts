/**
 * The settings the PDF renderer draws with, resolved from the layout template.
 * Every size is in points; every colour is a CSS hex string.
 */
import { PAGE_SIZES, type FontFace, type Layout } from '../../layout/template.js';

export type FontKey = FontFace;

/** The names the font files are registered under in each document (see `registerFonts`). */
const FONT_NAMES: Record<FontKey, string> = { regular: 'pack-regular', bold: 'pack-bold', italic: 'pack-italic', boldItalic: 'pack-bold-italic' };

export interface PdfStyle {
  page: { width: number; height: number; margins: { top: number; right: number; bottom: number; left: number } };
  /** The registered name of each face, for `doc.font()`. */
  fonts: Record<FontKey, string>;
  /** Line height as a multiple of the font size. */
  lineHeight: number;
  sizes: {
    body: number;
    /** Running headers and footers, notes and labels. */
    small: number;
    table: number;
    title: number;
    h2: number;
    h3: number;
    h4: number;
    coverTitle: number;
    coverSubtitle: number;
    divider: number;
  };
  colours: {
    text: string;
    muted: string;
    accent: string;
    link: string;
    rule: string;
    tableHeader: string;
    groupRow: string;
    marking: string;
  };
  spacing: {
    paragraph: number;
    headingBefore: number;
    listIndent: number;
    listItem: number;
    quoteIndent: number;
    cellPadding: number;
    tableBorder: number;
    agendaTimeColumn: number;
  };
  labels: {
    contents: string;
    /** With `{page}` and `{pages}`. */
    page: string;
    /** A page reference, with `{page}`. */
    pageRef: string;
    questions: string;
    papers: string;
    notes: string;
  };
  /** Bullet characters by list level, repeating. */
  bullets: readonly string[];
  pdf: {
    conformance: 'PDF/A-2b' | 'PDF/A-2a' | 'PDF/A-3b';
    /** Keep this many lines of a paragraph together at a page top or bottom. */
    orphans: number;
    /** Pixels per inch of images drawn at their own size. */
    imageResolution: number;
  };
}

export function pdfStyle(layout: Layout): PdfStyle {
  const { sizes, colours, spacing, labels, pdf } = layout;
  return {
    page: { ...PAGE_SIZES[layout.page.size], margins: layout.page.margins },
    fonts: FONT_NAMES,
    lineHeight: layout.lineSpacing,
    sizes: {
      body: sizes.body,
      small: sizes.small,
      table: sizes.table,
      title: sizes.heading1,
      h2: sizes.heading2,
      h3: sizes.heading3,
      h4: sizes.body,
      coverTitle: sizes.title,
      coverSubtitle: sizes.heading2,
      divider: sizes.title,
    },
    colours: {
      text: colours.text,
      muted: colours.muted,
      accent: colours.accent,
      link: colours.accent,
      rule: colours.rule,
      tableHeader: colours.tableHeader,
      groupRow: colours.groupRow,
      marking: colours.restricted,
    },
    spacing: {
      paragraph: spacing.paragraph,
      headingBefore: spacing.heading,
      listIndent: layout.lists.indent,
      listItem: pdf.listItemSpacing,
      quoteIndent: pdf.quoteIndent,
      cellPadding: layout.tables.cellPadding,
      tableBorder: layout.tables.border,
      agendaTimeColumn: layout.agenda.timeColumn,
    },
    labels: {
      contents: labels.contents,
      page: labels.page,
      pageRef: labels.pageReference,
      questions: labels.questions,
      papers: labels.backgroundPapers,
      notes: labels.notes,
    },
    bullets: layout.lists.bullets,
    pdf: { conformance: pdf.conformance, orphans: pdf.orphans, imageResolution: layout.images.resolution },
  };
}
