/**
 * The settings the PDF renderer draws with, resolved from the layout template.
 * Every size is in points; every colour is a CSS hex string.
 */
import { fontPath, type Layout } from '../../layout/template.js';

export type FontKey = 'regular' | 'bold' | 'italic' | 'boldItalic';

export interface PdfStyle {
  page: { width: number; height: number; margins: { top: number; right: number; bottom: number; left: number } };
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
    headingAfter: number;
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
  pdf: {
    conformance: 'PDF/A-2b' | 'PDF/A-2a' | 'PDF/A-3b';
    /** Keep this many lines of a paragraph together at a page top or bottom. */
    orphans: number;
    /** Pixels per inch of images drawn at their own size. */
    imageResolution: number;
  };
}

/** Page sizes in points. */
const PAGE_SIZES: Record<Layout['page']['size'], { width: number; height: number }> = {
  A4: { width: 595.28, height: 841.89 },
  Letter: { width: 612, height: 792 },
};

export function pdfStyle(layout: Layout): PdfStyle {
  const { sizes, colours, spacing, labels, pdf } = layout;
  return {
    page: { ...PAGE_SIZES[layout.page.size], margins: layout.page.margins },
    fonts: {
      regular: fontPath(layout.fonts.files.regular),
      bold: fontPath(layout.fonts.files.bold),
      italic: fontPath(layout.fonts.files.italic),
      boldItalic: fontPath(layout.fonts.files.boldItalic),
    },
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
      headingAfter: spacing.paragraph,
      listIndent: pdf.listIndent,
      listItem: pdf.listItemSpacing,
      quoteIndent: pdf.quoteIndent,
      cellPadding: pdf.cellPadding,
      tableBorder: pdf.tableBorder,
      agendaTimeColumn: pdf.agendaTimeColumn,
    },
    labels: {
      contents: labels.contents,
      page: labels.page,
      pageRef: labels.pageReference,
      questions: labels.questions,
      papers: labels.backgroundPapers,
      notes: labels.notes,
    },
    pdf: { conformance: pdf.conformance, orphans: pdf.orphans, imageResolution: pdf.imageResolution },
  };
}
