/**
 * The layout template as Word measures and styles: twips, half-points and the named styles
 * (Normal, Title, Heading 1–3, List Bullet, List Number, TOC 1–3, Table Grid, Hyperlink) that the
 * document's paragraphs refer to, so an editor restyles the pack by editing its styles.
 */
import { AlignmentType, BorderStyle, LineRuleType, type IStylesOptions } from 'docx';
import { PAGE_SIZES, type Layout } from '../../plan/template.js';

/** Points to twips (1/20 pt). */
export const twips = (points: number) => Math.round(points * 20);
/** Points to half-points, Word's unit for font sizes. */
const halfPoints = (points: number) => Math.round(points * 2);
/** `#1f4e79` to `1F4E79`. */
export const hex = (colour: string) => colour.slice(1).toUpperCase();

export interface Look {
  page: { width: number; height: number; margin: { top: number; right: number; bottom: number; left: number; header: number; footer: number } };
  /** The width between the margins, in twips. */
  textWidth: number;
  /** The height between the margins, in twips. */
  textHeight: number;
  /** Indent of one list level, in twips. */
  listIndent: number;
  /** Table rule width in eighths of a point, Word's unit for borders; 0 for none. */
  border: number;
  /** A table cell's padding at each side, and the height of a line of table text, in twips. */
  cellPadding: number;
  tableLine: number;
  /** Vertical space after a paragraph and before a heading, in twips. */
  space: { paragraph: number; heading: number };
  colours: { accent: string; muted: string; rule: string; tableHeader: string; groupRow: string; restricted: string; text: string; watermark: string };
  font: string;
  sizes: { body: number; small: number; table: number };
}

export function look(layout: Layout): Look {
  const size = PAGE_SIZES[layout.page.size];
  const paper = { width: twips(size.width), height: twips(size.height) };
  const m = layout.page.margins;
  const margin = {
    top: twips(m.top),
    right: twips(m.right),
    bottom: twips(m.bottom),
    left: twips(m.left),
    // The running header and footer sit halfway into the top and bottom margins.
    header: twips(m.top / 2),
    footer: twips(m.bottom / 2),
  };
  const c = layout.colours;
  return {
    page: { ...paper, margin },
    textWidth: paper.width - margin.left - margin.right,
    textHeight: paper.height - margin.top - margin.bottom,
    listIndent: twips(layout.lists.indent),
    border: Math.round(layout.tables.border * 8),
    cellPadding: twips(layout.tables.cellPadding),
    tableLine: twips(layout.sizes.table * layout.lineSpacing),
    space: { paragraph: twips(layout.spacing.paragraph), heading: twips(layout.spacing.heading) },
    colours: {
      accent: hex(c.accent),
      muted: hex(c.muted),
      rule: hex(c.rule),
      tableHeader: hex(c.tableHeader),
      groupRow: hex(c.groupRow),
      restricted: hex(c.restricted),
      text: hex(c.text),
      watermark: hex(c.watermark),
    },
    font: layout.fonts.family,
    sizes: { body: halfPoints(layout.sizes.body), small: halfPoints(layout.sizes.small), table: halfPoints(layout.sizes.table) },
  };
}

/** The document's styles, for remark-docx's `styles` option (the `docx` package's style options). */
export function styles(layout: Layout, lk: Look): IStylesOptions {
  const { sizes, spacing } = layout;
  // Lines as tall as the template says (font size × lineSpacing), as in the PDF; a font's own
  // line height (Noto Sans's is about 1.36 em) would otherwise decide.
  const leading = (size: number) => ({ line: twips(size * layout.lineSpacing), lineRule: LineRuleType.EXACT });
  const heading = (size: number, before: number, outlineLevel: number) => ({
    run: { font: lk.font, size: halfPoints(size), bold: true, color: lk.colours.accent },
    paragraph: { spacing: { before: twips(before), after: twips(spacing.paragraph), line: 240, lineRule: LineRuleType.AUTO }, keepNext: true, keepLines: true, outlineLevel },
  });
  // As in the PDF's contents: part titles bold at the margin, the documents one list indent in, their headings further.
  const tocLevel = (level: number) => ({
    id: `TOC${level}`,
    name: `toc ${level}`,
    basedOn: 'Normal',
    next: 'Normal',
    paragraph: {
      indent: { left: level * lk.listIndent },
      spacing: { before: level === 1 ? twips(spacing.paragraph / 2) : 0, after: 0 },
    },
  });
  return {
    default: {
      document: {
        // Sizes and language live in the defaults, not in Normal, so table and list styles can set their own.
        run: { font: lk.font, size: lk.sizes.body, color: lk.colours.text, language: { value: layout.language } },
        paragraph: { spacing: { after: twips(spacing.paragraph), ...leading(sizes.body) } },
      },
      title: {
        run: { font: lk.font, size: halfPoints(sizes.title), bold: true, color: lk.colours.accent },
        paragraph: { spacing: { before: twips(spacing.heading * 2), after: twips(spacing.heading), line: 240, lineRule: LineRuleType.AUTO } },
      },
      heading1: heading(sizes.heading1, 0, 0),
      heading2: heading(sizes.heading2, spacing.heading, 1),
      heading3: heading(sizes.heading3, spacing.heading, 2),
      heading4: { run: { font: lk.font, size: lk.sizes.body, bold: true, italics: true }, paragraph: { keepNext: true, spacing: { before: twips(spacing.paragraph) }, outlineLevel: 3 } },
      hyperlink: { run: { color: lk.colours.accent, underline: {} } },
      listParagraph: { paragraph: { indent: { left: lk.listIndent } } },
    },
    paragraphStyles: [
      { id: 'Normal', name: 'Normal', quickFormat: true },
      { id: 'Subtitle', name: 'Subtitle', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { size: halfPoints(sizes.heading2), color: lk.colours.muted }, paragraph: { spacing: leading(sizes.heading2) } },
      // List Bullet carries remark-docx's bullet numbering itself, as Word's own List Bullet does, so applying the style makes a bullet.
      { id: 'ListBullet', name: 'List Bullet', basedOn: 'Normal', quickFormat: true, paragraph: { spacing: { after: twips(spacing.paragraph / 2) }, numbering: { reference: 'bullet', level: 0, custom: true }, indent: { left: lk.listIndent, hanging: lk.listIndent } } },
      { id: 'ListNumber', name: 'List Number', basedOn: 'Normal', quickFormat: true, paragraph: { spacing: { after: twips(spacing.paragraph / 2) } } },
      { id: 'ListContinue', name: 'List Continue', basedOn: 'Normal', quickFormat: true },
      { id: 'Quote', name: 'Quote', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { italics: true } },
      { id: 'TOCHeading', name: 'TOC Heading', basedOn: 'Normal', next: 'Normal', run: { font: lk.font, size: halfPoints(sizes.heading1), bold: true, color: lk.colours.accent }, paragraph: { spacing: { after: twips(spacing.heading), line: 240, lineRule: LineRuleType.AUTO } } },
      { id: 'TOCPart', name: 'TOC Part', basedOn: 'Normal', next: 'Normal', run: { bold: true }, paragraph: { keepNext: true, spacing: { before: twips(spacing.heading), after: 0 } } },
      tocLevel(1),
      tocLevel(2),
      tocLevel(3),
      { id: 'TableText', name: 'Table Text', basedOn: 'Normal', quickFormat: true, run: { size: lk.sizes.table }, paragraph: { spacing: { before: 0, after: twips(2), ...leading(sizes.table) } } },
      { id: 'TableHeading', name: 'Table Heading', basedOn: 'TableText', run: { bold: true } },
      // Contextual spacing: notes sit together, apart from the table above and the text below.
      { id: 'TableNote', name: 'Table Note', basedOn: 'TableText', paragraph: { contextualSpacing: true, spacing: { before: twips(spacing.paragraph / 2), after: twips(spacing.paragraph), ...leading(sizes.table) } } },
      // A data table's caption, kept with its table, as the PDF keeps it.
      { id: 'Caption', name: 'caption', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { bold: true, size: lk.sizes.table }, paragraph: { keepNext: true, spacing: { before: twips(spacing.paragraph), after: twips(spacing.paragraph / 2), ...leading(sizes.table) } } },
      // The agenda, set as the PDF sets it: body text in an unruled two-column table, each item's title at the third heading's size.
      { id: 'AgendaText', name: 'Agenda Text', basedOn: 'Normal', run: { size: lk.sizes.body }, paragraph: { spacing: { before: 0, after: twips(2), ...leading(sizes.body) } } },
      { id: 'AgendaItem', name: 'Agenda Item', basedOn: 'AgendaText', next: 'AgendaText', run: { bold: true, size: halfPoints(sizes.heading3) }, paragraph: { keepNext: true, spacing: { before: twips(spacing.heading * 1.5), after: twips(spacing.paragraph / 2) } } },
      { id: 'AgendaLabel', name: 'Agenda Label', basedOn: 'AgendaText', next: 'AgendaText', run: { bold: true, size: lk.sizes.small, color: lk.colours.accent }, paragraph: { keepNext: true, spacing: { before: twips(spacing.paragraph) } } },
      { id: 'Marking', name: 'Marking', basedOn: 'Normal', run: { bold: true, color: lk.colours.restricted } },
      // The short title, then the section's running title at the right, over a rule, as the PDF draws its head.
      { id: 'Header', name: 'header', basedOn: 'Normal', run: { size: lk.sizes.small, color: lk.colours.muted }, paragraph: { spacing: { after: 0, ...leading(sizes.small) }, rightTabStop: lk.textWidth, border: { bottom: { style: BorderStyle.SINGLE, size: 4, color: lk.colours.rule, space: 1 } } } },
      // A withheld paper's marking across the head of each of its pages, above the running header.
      { id: 'Banner', name: 'Banner', basedOn: 'Normal', run: { size: lk.sizes.small, bold: true, color: lk.colours.restricted }, paragraph: { alignment: AlignmentType.CENTER, spacing: { after: 0, ...leading(sizes.small) } } },
      { id: 'Footer', name: 'footer', basedOn: 'Normal', run: { size: lk.sizes.small, color: lk.colours.muted }, paragraph: { spacing: { after: 0, ...leading(sizes.small) }, rightTabStop: lk.textWidth } },
    ],
  };
}

/**
 * Table Grid, Word's own name for a plain ruled table. The `docx` package writes paragraph and
 * character styles only, so this table style is added to `styles.xml` as XML.
 */
export function tableGridStyle(lk: Look, cellPadding: number): string {
  const border = (side: string) => (lk.border > 0 ? `<w:${side} w:val="single" w:sz="${lk.border}" w:space="0" w:color="${lk.colours.rule}"/>` : `<w:${side} w:val="nil"/>`);
  // The padding at the sides, half of it above and below: a cell's paragraphs add their own space after.
  const side = twips(cellPadding);
  const pad = twips(cellPadding / 2);
  return (
    '<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="39"/><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>' +
    `<w:tblPr><w:tblBorders>${['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map(border).join('')}</w:tblBorders>` +
    `<w:tblCellMar><w:top w:w="${pad}" w:type="dxa"/><w:left w:w="${side}" w:type="dxa"/><w:bottom w:w="${pad}" w:type="dxa"/><w:right w:w="${side}" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>`
  );
}
