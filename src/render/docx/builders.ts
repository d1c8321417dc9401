/**
 * The pack plugin for remark-docx: node builders for what remark-docx 0.3.29 does not draw the
 * way a briefing pack needs (headings with bookmarks, `#anchor` links, lists with their own
 * styles and start numbers, `packTable`) and for the pack-level nodes of `pack-tree.ts`.
 * Builders return `docx` objects from the same `docx` version remark-docx uses.
 */
import {
  AlignmentType,
  Bookmark,
  BorderStyle,
  ImageRun,
  HeadingLevel,
  InternalHyperlink,
  LineRuleType,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableOfContents,
  TableRow,
  TextRun,
  Tab,
  TabStopType,
  LeaderType,
  Run,
  BuilderElement,
  NextAttributeComponent,
  WidthType,
  XmlComponent,
  type ParagraphChild,
} from 'docx';
import type { BlockContent, Heading, List, ListItem, PhrasingContent, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { AgendaPlan, ContentsLine, CoverPlan, PackPlan, PackTable, PaperRef } from '../../plan/plan.js';
import { fill } from '../../plan/template.js';
import type { PackImage } from '../../load/images.js';
import { bookmarkName } from './bookmarks.js';
import { LIST_START } from './ooxml.js';
import type { DocxContents } from './pack-tree.js';
import { twips, type Look } from './styles.js';

/**
 * remark-docx 0.3.29's builder contract, written out here: its published declarations import
 * `./types` without an extension, which NodeNext resolution cannot follow, so they type as `any`.
 */
export type DocxContent = Paragraph | Table | ParagraphChild;
interface ListContext {
  level: number;
  meta: { type: 'bullet' } | { type: 'ordered'; reference: string } | { type: 'task'; checked: boolean };
}
export interface Context {
  render(nodes: readonly RootContent[], ctx?: Context): DocxContent[];
  style: { bold?: boolean; italic?: boolean; strike?: boolean; inlineCode?: boolean; link?: boolean };
  list?: ListContext;
  /** Blockquote depth, from 0. */
  quote?: number;
  orderedId(): string;
  /** The paragraph continues a list item after its first paragraph: indented, not numbered (the pack's own). */
  continued?: boolean;
  /** The paragraph sits in a table cell, as text or as a heading, in a note below a table, or in an agenda (the pack's own). */
  cell?: 'text' | 'heading' | 'note' | 'agenda';
  /** The alignment of a table column's cells, as the plan gives it (the pack's own). */
  align?: (typeof AlignmentType)[keyof typeof AlignmentType];
}
type Builder<T extends RootContent['type']> = (node: Extract<RootContent, { type: T }>, ctx: Context) => DocxContent | DocxContent[] | null;
type NodeBuilders = { [T in RootContent['type']]?: Builder<T> };
/** A remark-docx plugin: node builders tried before remark-docx's own (which run when one returns null). */
export type DocxPlugin = () => Promise<NodeBuilders>;

export type PackLabels = PackPlan['labels'];

const HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4, HeadingLevel.HEADING_5, HeadingLevel.HEADING_6];

export function packPlugin(lk: Look, labels: PackLabels, anchors: ReadonlySet<string>, images: ReadonlyMap<string, PackImage>): DocxPlugin {
  // The one numbering definition of every ordered list in a document.
  let orderedReference: string | undefined;
  return async () => {
    orderedReference = undefined;
    const builders: NodeBuilders = {
      heading: (node, ctx) => heading(node, ctx),
      paragraph: (node, ctx) => {
        const style = ctx.cell ? { heading: 'TableHeading', text: 'TableText', note: 'TableNote', agenda: 'AgendaText' }[ctx.cell] : node.data?.docxStyle;
        const children = () => inline(ctx.render(node.children, ctx));
        // An image sets its own line height; an exact line height would clip it.
        if (!style && !ctx.list && node.children.some((c) => c.type === 'image')) return new Paragraph({ spacing: { line: 240, lineRule: LineRuleType.AUTO }, children: children() });
        if (!ctx.list) {
          // A block quote is indented as a whole (remark-docx gives its first line a hanging indent).
          if (ctx.quote !== undefined && !style) return new Paragraph({ style: 'Quote', indent: { left: lk.listIndent * (ctx.quote + 1) }, children: children() });
          return style ? new Paragraph({ style, ...(ctx.align ? { alignment: ctx.align } : {}), children: children() }) : null;
        }
        const { level, meta } = ctx.list;
        // Numbered and continued paragraphs share one indent, so a list item's later paragraphs line up with its text.
        const indent = { left: lk.listIndent * (level + 1) };
        if (ctx.continued) return new Paragraph({ style: style ?? 'ListContinue', indent, children: children() });
        if (meta.type === 'task') return null;
        return new Paragraph({
          style: style ?? (meta.type === 'ordered' ? 'ListNumber' : 'ListBullet'),
          numbering: { reference: meta.type === 'ordered' ? meta.reference : 'bullet', level },
          indent: { ...indent, hanging: lk.listIndent },
          children: children(),
        });
      },
      list: (node, ctx) => list(node, ctx),
      listItem: (node, ctx) => listItem(node, ctx),
      link: (node, ctx) => {
        if (!node.url.startsWith('#') || !anchors.has(node.url.slice(1))) return null;
        return internalLink(node.url.slice(1), inline(ctx.render(node.children, { ...ctx, style: { ...ctx.style, link: true } })));
      },
      image: (node) => {
        const image = node.data?.asset ? images.get(node.data.asset) : undefined;
        const size = node.data?.size;
        if (!image || !size) return null;
        const alt = node.alt ?? node.title ?? '';
        return new ImageRun({
          type: image.type,
          data: image.bytes,
          // The plan's size in points; the `docx` package takes pixels at 96 per inch, 3/4 of a point each.
          transformation: { width: Math.round(size.width / 0.75), height: Math.round(size.height / 0.75) },
          altText: { name: alt, description: alt, title: node.title ?? alt },
        });
      },
      packTable: (node, ctx) => packTable(node, ctx, lk),
      docxSection: () => [],
      docxCover: (node) => cover(node.cover, lk, images),
      docxContents: (node) => node.lines.map((line, index) => contentsLine(line, index, lk)),
      docxAgenda: (node, ctx) => agenda(node.agenda, ctx, lk, labels),
      docxPageRef: (node) => pageRef(node.anchor),
    };
    return builders;
  };

  function heading(node: Heading, ctx: Context): DocxContent {
    const runs = inline(ctx.render(node.children, ctx));
    const marks = [node.data?.partAnchor, node.data?.anchor].filter((a): a is string => a !== undefined).map((a) => new Bookmark({ id: bookmarkName(a), children: [] }));
    const children = [...marks.map((m) => m.start), ...runs, ...marks.reverse().map((m) => m.end)] as ParagraphChild[];
    return new Paragraph({ heading: HEADINGS[Math.min(node.depth, 6) - 1], children });
  }

  function list(node: List, ctx: Context): DocxContent[] {
    const parent = ctx.list;
    const ordered = node.ordered === true;
    // A nested ordered list continues its parent's numbering one level down; any other ordered list is a list of its own.
    const own = ordered && parent?.meta.type !== 'ordered';
    // Every ordered list refers to one numbering definition, so the `docx` packer fills in one numbering instance, not one per list
    // (it makes a pass over the whole document per instance); the finishing step gives each list its own instance (`LIST_START`).
    const reference = ordered ? (parent?.meta.type === 'ordered' ? parent.meta.reference : (orderedReference ??= ctx.orderedId())) : undefined;
    const meta = reference ? ({ type: 'ordered', reference } as const) : ({ type: 'bullet' } as const);
    const level = parent ? parent.level + 1 : 0;
    const out = ctx.render(node.children, { ...ctx, list: { level, meta }, continued: false });
    if (own) {
      const first = out.find((c): c is Paragraph => c instanceof Paragraph);
      const mark = new Bookmark({ id: `${LIST_START}${typeof node.start === 'number' ? node.start : 1}`, children: [] });
      first?.addChildElement(mark.start);
      first?.addChildElement(mark.end);
    }
    return out;
  }

  function listItem(node: ListItem, ctx: Context): DocxContent[] | null {
    let list = ctx.list;
    if (!list) return null;
    if (node.checked != null) list = { level: list.level, meta: { type: 'task', checked: node.checked } };
    const [first, ...rest] = node.children;
    if (!first) return [];
    return [...ctx.render([first], { ...ctx, list, continued: false }), ...ctx.render(rest, { ...ctx, list, continued: true })];
  }
}

/** Runs from rendered phrasing content; block results (none for phrasing) are dropped. */
function inline(content: readonly DocxContent[]): ParagraphChild[] {
  return content.filter((c) => !(c instanceof Paragraph) && !(c instanceof Table) && !(c instanceof TableOfContents)) as ParagraphChild[];
}

/** Paragraphs and tables for a table cell: loose runs are wrapped in a paragraph, aligned as the column is. */
function cellBlocks(content: readonly DocxContent[], style: string, alignment?: Context['align']): (Paragraph | Table)[] {
  const blocks: (Paragraph | Table)[] = [];
  let runs: ParagraphChild[] = [];
  const flush = () => {
    if (runs.length) blocks.push(new Paragraph({ style, ...(alignment ? { alignment } : {}), children: runs }));
    runs = [];
  };
  for (const c of content) {
    if (c instanceof Paragraph || c instanceof Table) {
      flush();
      blocks.push(c);
    } else if (!(c instanceof TableOfContents)) runs.push(c as ParagraphChild);
  }
  flush();
  return blocks;
}

/** A table cell must hold a paragraph, even an empty one. */
const orEmpty = (blocks: (Paragraph | Table)[]) => (blocks.length ? blocks : [new Paragraph({ style: 'TableText' })]);

function internalLink(anchor: string, children: ParagraphChild[]): InternalHyperlink {
  return new InternalHyperlink({ anchor: bookmarkName(anchor), children });
}

const run = (text: string, options: { bold?: boolean; italics?: boolean; style?: string } = {}) => new TextRun({ text, ...options });

/**
 * A paper as an agenda lists it, as Markdown and as the PDF prints it: its title linked to its
 * page, its status note or restricted mark, and `p. N` linked to its page.
 */
function paperPhrasing(paper: PaperRef, pageReference: string): PhrasingContent[] {
  const title: PhrasingContent = { type: 'text', value: paper.title };
  const note: PhrasingContent[] = [
    ...(paper.note ? [{ type: 'text', value: ' ' }, { type: 'emphasis', children: [{ type: 'text', value: `(${paper.note})` }] }] satisfies PhrasingContent[] : []),
    ...(paper.restricted ? [{ type: 'text', value: ' ' }, { type: 'strong', children: [{ type: 'text', value: `(${paper.restricted})` }] }] satisfies PhrasingContent[] : []),
  ];
  if (!paper.anchor) return [title, ...note];
  const url = `#${paper.anchor}`;
  // The label around its page number, e.g. `p. ` before it.
  const [before = '', after = ''] = fill(pageReference, { page: '\u0000' }).split('\u0000');
  const reference: PhrasingContent[] = [
    ...(before ? [{ type: 'text', value: before } satisfies PhrasingContent] : []),
    { type: 'docxPageRef', anchor: paper.anchor },
    ...(after ? [{ type: 'text', value: after } satisfies PhrasingContent] : []),
  ];
  return [{ type: 'link', url, children: [title] }, ...note, { type: 'text', value: ', ' }, { type: 'link', url, children: reference }];
}

/**
 * A page number as a PAGEREF field to the anchor's bookmark. Its cached result, the page the PDF
 * gives the anchor, is filled in when the package is finished (`pageReferences` in ooxml.ts).
 */
function pageRef(anchor: string): ParagraphChild[] {
  return [fieldChar('begin'), new InstrText(` PAGEREF ${bookmarkName(anchor)} \\h `), fieldChar('separate'), new FieldResult(''), fieldChar('end')].map((part) => new FieldRun([part]));
}

function cover(plan: CoverPlan, lk: Look, images: ReadonlyMap<string, PackImage>): Paragraph[] {
  // Centred, as on the PDF's cover; the title sits about a quarter of the way down the page.
  const centred = (options: ConstructorParameters<typeof Paragraph>[0] & object) => new Paragraph({ alignment: AlignmentType.CENTER, ...options });
  const image = plan.logo && images.get(plan.logo.asset);
  const logo =
    plan.logo && image
      ? [
          // Auto line height, which an exact one would clip; pixels at 96 per inch are 3/4 of a point.
          centred({
            spacing: { before: Math.max(0, lk.space.heading * 10 - twipsOf(plan.logo.height)), after: lk.space.heading, line: 240, lineRule: LineRuleType.AUTO },
            children: [new ImageRun({ type: image.type, data: image.bytes, transformation: { width: Math.round(plan.logo.width / 0.75), height: Math.round(plan.logo.height / 0.75) }, altText: { name: plan.logo.alt, description: plan.logo.alt, title: plan.logo.alt } })],
          }),
        ]
      : [];
  return [
    ...logo,
    centred({ style: 'Subtitle', spacing: { before: logo.length > 0 ? 0 : lk.space.heading * 10 }, children: [run(plan.organisation, { bold: true })] }),
    centred({ heading: HeadingLevel.TITLE, spacing: { before: 0 }, children: [run(plan.title)] }),
    ...(plan.series ? [centred({ style: 'Subtitle', children: [run(plan.series)] })] : []),
    centred({ spacing: { before: lk.space.heading * 2 }, children: [run(plan.dates, { bold: true })] }),
    centred({ children: [run(plan.venue)] }),
    ...plan.sessions.map((s) =>
      centred({ spacing: { before: lk.space.heading, after: 0 }, children: [run(s.title, { bold: true }), new TextRun({ text: s.when, break: 1 }), ...(s.location ? [new TextRun({ text: s.location, break: 1 })] : [])] }),
    ),
    centred({ spacing: { before: lk.space.heading * 3, after: lk.space.paragraph }, children: [new TextRun({ text: plan.edition, bold: true, color: lk.colours.accent })] }),
    ...(plan.marking ? [centred({ style: 'Marking', children: [run(plan.marking)] })] : []),
    centred({ children: [run(plan.version)] }),
  ];
}

/** Twentieths of a point. */
const twipsOf = (points: number) => Math.round(points * 20);

/**
 * A line of the contents as the PDF prints it: agendas and parts in bold, a part's papers
 * indented under it, each title linked to its heading's bookmark with its page number at the
 * right after a dotted leader. The number is a PAGEREF field whose cached result is the PDF's
 * page, so the contents show their numbers in every reader, and Word can refresh them.
 */
function contentsLine(line: DocxContents['lines'][number], index: number, lk: Look): Paragraph {
  const paper = line.kind === 'paper';
  const text = [
    run(line.title, { bold: !paper }),
    ...(line.note ? [run(` (${line.note})`, { italics: true })] : []),
    ...(line.restricted ? [new TextRun({ text: ` (${line.restricted})`, bold: true, color: lk.colours.restricted })] : []),
  ];
  const number = line.anchor ? [new TextRun({ children: [new Tab()] }), ...pageRef(line.anchor)] : [];
  return new Paragraph({
    style: paper ? 'TOC2' : 'TOC1',
    indent: { left: paper ? lk.listIndent : 0 },
    spacing: { before: contentsSpace(line, index, lk) },
    tabStops: [{ type: TabStopType.RIGHT, position: lk.textWidth, leader: LeaderType.DOT }],
    children: line.anchor ? [internalLink(line.anchor, [...text, ...number])] : text,
  });
}

/** Space above a contents line, as in the PDF: a part opens a group, papers follow closely; the heading's own space is above the first line. */
const contentsSpace = (line: ContentsLine, index: number, lk: Look) =>
  line.kind === 'paper' ? lk.space.paragraph / 2 : line.kind === 'part' ? lk.space.heading : index === 0 ? 0 : lk.space.paragraph;

const fieldChar = (type: 'begin' | 'separate' | 'end') => new BuilderElement<{ type: string }>({ name: 'w:fldChar', attributes: { type: { key: 'w:fldCharType', value: type } } });

class InstrText extends XmlComponent {
  constructor(instruction: string) {
    super('w:instrText');
    this.root.push(new NextAttributeComponent({ space: { key: 'xml:space', value: 'preserve' } }));
    this.root.push(instruction);
  }
}

/** A field's cached result text, between its `separate` and `end` characters. */
class FieldResult extends XmlComponent {
  constructor(text: string) {
    super('w:t');
    this.root.push(text);
  }
}

/** A run of field characters and instructions, which `TextRun` does not take. */
class FieldRun extends Run {
  constructor(parts: XmlComponent[]) {
    super({});
    for (const part of parts) this.root.push(part);
  }
}

function agenda(plan: AgendaPlan, ctx: Context, lk: Look, labels: PackLabels): DocxContent[] {
  const timeWidth = twips(plan.column);
  const widths = [timeWidth, lk.textWidth - timeWidth];
  const cellCtx = { ...ctx, cell: 'agenda' as const };
  const rows: TableRow[] = [];
  // The marker (time or number) in the time column, level with the entry's first line.
  const row = (marker: string, markerStyle: string, blocks: Paragraph[]) =>
    new TableRow({
      cantSplit: false,
      children: [
        new TableCell({ width: { size: widths[0]!, type: WidthType.DXA }, children: [new Paragraph({ style: markerStyle, keepNext: false, children: [new TextRun({ text: marker, bold: true, size: lk.sizes.body, color: lk.colours.accent })] })] }),
        new TableCell({ width: { size: widths[1]!, type: WidthType.DXA }, children: blocks }),
      ],
    });
  const paragraphs = (nodes: RootContent[]) => cellBlocks(ctx.render(nodes, cellCtx), 'AgendaText').filter((b): b is Paragraph => b instanceof Paragraph);
  const bullets = (items: BlockContent[][]): RootContent => ({ type: 'list', ordered: false, spread: false, children: items.map((children) => ({ type: 'listItem', spread: false, children })) });
  // Notes and items in the plan's order, as the PDF draws them.
  for (const entry of plan.entries) {
    if (entry.kind === 'note') {
      rows.push(row(entry.marker, 'AgendaText', paragraphs(emphasised(entry.text.children))));
      continue;
    }
    const item = entry;
    const blocks: Paragraph[] = [new Paragraph({ style: 'AgendaItem', children: [run(item.title)] })];
    if (item.remarks) blocks.push(...paragraphs(emphasised(item.remarks.children)));
    if (item.people.length) blocks.push(new Paragraph({ style: 'AgendaText', children: [run(item.people.join(', '), { italics: true })] }));
    blocks.push(...paragraphs(item.description.children));
    // Questions and papers are bullet lists under a label, as in the PDF.
    if (item.questions.length) {
      blocks.push(new Paragraph({ style: 'AgendaLabel', children: [run(plan.questions)] }));
      blocks.push(...paragraphs([bullets(item.questions.map((q) => q.children as BlockContent[]))]));
    }
    if (item.papers.length) {
      blocks.push(new Paragraph({ style: 'AgendaLabel', children: [run(labels.backgroundPapers)] }));
      blocks.push(...paragraphs([bullets(item.papers.map((paper) => [{ type: 'paragraph', children: paperPhrasing(paper, labels.pageReference) }]))]));
    }
    rows.push(row(item.marker, 'AgendaItem', blocks));
  }
  const intro = [new Paragraph({ spacing: { after: 0 }, children: [run(plan.when, { bold: true })] }), new Paragraph({ children: [new TextRun({ text: plan.location, color: lk.colours.muted })] })];
  const none = { style: BorderStyle.NONE, size: 0, color: 'auto' };
  return [
    ...intro,
    new Table({ borders: { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none }, layout: TableLayoutType.FIXED, width: { size: lk.textWidth, type: WidthType.DXA }, columnWidths: widths, rows }),
  ];
}

/** Markdown blocks set in italics, as the PDF sets notes and remarks: each paragraph's text emphasised, its own emphasis and strong kept inside. */
function emphasised(nodes: readonly RootContent[]): RootContent[] {
  return nodes.map((node) => (node.type === 'paragraph' ? { ...node, children: [{ type: 'emphasis', children: node.children }] } : node));
}

/** A table with its caption above and its notes below, as the plan gives them. */
function packTable(node: PackTable, ctx: Context, lk: Look): DocxContent[] {
  const caption = node.caption ? [new Paragraph({ style: 'Caption', children: [run(node.caption)] })] : [];
  const notes = (node.notes ?? []).flatMap((note) => cellBlocks(ctx.render(note as RootContent[], { ...ctx, cell: 'note' }), 'TableNote'));
  return [...caption, tableOf(node, ctx, lk), ...notes];
}

function tableOf(node: PackTable, ctx: Context, lk: Look): Table {
  const widths = columnWidths(node.widths, lk.textWidth);
  const align = (i: number) => ({ left: AlignmentType.LEFT, right: AlignmentType.RIGHT, center: AlignmentType.CENTER })[node.align[i] ?? 'left'];
  const cell = (blocks: (Paragraph | Table)[], i: number, span = 1, fill?: string) =>
    new TableCell({
      width: { size: widths.slice(i, i + span).reduce((a, b) => a + b, 0), type: WidthType.DXA },
      columnSpan: span > 1 ? span : undefined,
      shading: fill ? { type: ShadingType.CLEAR, color: 'auto', fill } : undefined,
      children: blocks,
    });
  const headingCtx = { ...ctx, cell: 'heading' as const };
  const textCtx = { ...ctx, cell: 'text' as const };
  // The header row repeats on every page the table runs on; no row breaks across pages unless it could not fit on one.
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: node.header.map((phrasing: PhrasingContent[], i) =>
      cell([new Paragraph({ style: 'TableHeading', alignment: align(i), children: inline(ctx.render(phrasing, headingCtx)) })], i, 1, lk.colours.tableHeader),
    ),
  });
  const rows = node.rows.map((r) =>
    r.kind === 'group'
      ? new TableRow({ cantSplit: true, children: [cell([new Paragraph({ style: 'TableHeading', keepNext: true, children: [run(r.label)] })], 0, widths.length, lk.colours.groupRow)] })
      : new TableRow({
          ...(fitsOnPage(r.cells, widths, lk) ? { cantSplit: true } : {}),
          children: r.cells.map((blocks: BlockContent[], i) => {
            const alignment = node.align[i] ? align(i) : undefined;
            return cell(orEmpty(cellBlocks(ctx.render(blocks as RootContent[], alignment ? { ...textCtx, align: alignment } : textCtx), 'TableText', alignment)), i);
          }),
        }),
  );
  return new Table({ style: 'TableGrid', borders: rules(lk), layout: TableLayoutType.FIXED, width: { size: lk.textWidth, type: WidthType.DXA }, columnWidths: widths, rows: [header, ...rows] });
}

/** An average character of the table font, in ems, on the wide side, so a row's height is overestimated rather than under. */
const EM_PER_CHARACTER = 0.6;

/**
 * Whether a row surely fits on one page, so it may be kept whole: its tallest cell, wrapped at
 * an average character width, takes at most two thirds of the page's text height. A row kept
 * whole that is taller than a page would be cut off at the page's foot in Word.
 */
export function fitsOnPage(cells: readonly BlockContent[][], widths: readonly number[], lk: Look): boolean {
  const character = (lk.sizes.table / 2) * 20 * EM_PER_CHARACTER;
  const lines = cells.map((blocks, i) => {
    const perLine = Math.max(1, Math.floor(((widths[i] ?? lk.textWidth) - 2 * lk.cellPadding) / character));
    return blocks.reduce((sum, block) => sum + Math.max(1, Math.ceil(toString(block).length / perLine)), 0);
  });
  return Math.max(0, ...lines) * lk.tableLine <= (lk.textHeight * 2) / 3;
}

/**
 * The table rules in the layout's rule colour. The `docx` package writes black borders on every
 * table unless told otherwise, and those would override the Table Grid style's.
 */
function rules(lk: Look) {
  const rule = lk.border > 0 ? { style: BorderStyle.SINGLE, size: lk.border, color: lk.colours.rule } : { style: BorderStyle.NONE, size: 0, color: 'auto' };
  return { top: rule, bottom: rule, left: rule, right: rule, insideHorizontal: rule, insideVertical: rule };
}

/** Column widths in twips from the plan's fractions, summing exactly to the text width. */
export function columnWidths(fractions: readonly number[], textWidth: number): number[] {
  const total = fractions.reduce((a, b) => a + b, 0) || 1;
  const widths = fractions.map((f) => Math.floor((f / total) * textWidth));
  widths[widths.length - 1]! += textWidth - widths.reduce((a, b) => a + b, 0);
  return widths;
}
