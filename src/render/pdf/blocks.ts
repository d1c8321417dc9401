/**
 * Markdown (mdast) to items: headings, paragraphs with inline styles and links, lists,
 * block quotes, code, rules, images, tables, and a paper's footnotes as its endnotes.
 */
import type { BlockContent, DefinitionContent, Image, List, ListItem, PhrasingContent, Root, RootContent } from 'mdast';
import type { PackPlan, PackTable } from '../../plan/plan.js';
import type { Item } from './flow.js';
import type { FontKey, PdfStyle } from './style.js';
import { layoutTable } from './table.js';
import type { TagNode } from './tags.js';
import { breakLines, lineItems, Measure, show, type DrawContext, type LinkTarget, type Run } from './text.js';

export interface LayoutContext extends DrawContext {
  measure: Measure;
  style: PdfStyle;
  /** The current document's endnotes, numbered in order of first reference. */
  notes?: Endnotes;
  /** The images bodies show, by `image.data.asset`. */
  images: PackPlan['images'];
  /** The words the renderer adds, as the plan filled them in. */
  labels: PackPlan['labels'];
  /** Where the plan lets pages break. */
  breaks: PackPlan['breaks'];
  /** Body text size here (smaller inside table cells). */
  size?: number;
}

export interface Box {
  x: number;
  width: number;
  align?: 'left' | 'right' | 'center' | null;
}

export interface InlineStyle {
  font: FontKey;
  size: number;
  colour: string;
}

type Node = RootContent | BlockContent | DefinitionContent;

export class Endnotes {
  readonly numbers = new Map<string, number>();
  readonly definitions = new Map<string, BlockContent[]>();
  constructor(readonly anchor: string) {}

  number(identifier: string): number {
    let n = this.numbers.get(identifier);
    if (n === undefined) {
      n = this.numbers.size + 1;
      this.numbers.set(identifier, n);
    }
    return n;
  }

  target(identifier: string): string {
    return `${this.anchor}--note-${this.number(identifier)}`;
  }
}

const bold = (font: FontKey): FontKey => (font === 'italic' || font === 'boldItalic' ? 'boldItalic' : 'bold');
const italic = (font: FontKey): FontKey => (font === 'bold' || font === 'boldItalic' ? 'boldItalic' : 'italic');

/** Phrasing content to runs; links get their own Link element below `parent`. */
export function inlineRuns(ctx: LayoutContext, nodes: PhrasingContent[], style: InlineStyle, parent: TagNode, link?: Run['link']): Run[] {
  const runs: Run[] = [];
  const text = (value: string, s: InlineStyle = style) => runs.push({ text: value, ...s, ...(link ? { link } : {}) });
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
        // Soft line breaks and runs of spaces read as one space, as in HTML.
        text(node.value.replace(/[ \t]*\n[ \t]*/g, ' ').replace(/[ \t]{2,}/g, ' '));
        break;
      case 'inlineCode':
      case 'html':
        text(node.value);
        break;
      case 'break':
        text('\n');
        break;
      case 'strong':
        runs.push(...inlineRuns(ctx, node.children, { ...style, font: bold(style.font) }, parent, link));
        break;
      case 'emphasis':
        runs.push(...inlineRuns(ctx, node.children, { ...style, font: italic(style.font) }, parent, link));
        break;
      case 'delete':
        runs.push(...inlineRuns(ctx, node.children, style, parent, link));
        break;
      case 'link': {
        const target: LinkTarget = node.url.startsWith('#') ? { anchor: node.url.slice(1) } : { url: node.url };
        const tag = ctx.tagger.node('Link', parent);
        const inner = inlineRuns(ctx, node.children, { ...style, colour: ctx.style.colours.accent }, parent, { target, tag });
        markLast(inner, tag);
        runs.push(...inner);
        break;
      }
      case 'linkReference':
        runs.push(...inlineRuns(ctx, node.children, style, parent, link));
        break;
      case 'image':
      case 'imageReference':
        if (node.alt) text(node.alt, { ...style, font: italic(style.font) });
        break;
      case 'footnoteReference': {
        const notes = ctx.notes;
        if (!notes) break;
        const tag = ctx.tagger.node('Link', parent);
        const marker: Run = {
          text: String(notes.number(node.identifier)),
          font: style.font,
          size: style.size * 0.7,
          colour: ctx.style.colours.accent,
          rise: 0.5,
          link: { target: { anchor: notes.target(node.identifier) }, tag, last: true },
        };
        runs.push(marker);
        break;
      }
      default: {
        const children = (node as { children?: PhrasingContent[] }).children;
        if (children) runs.push(...inlineRuns(ctx, children, style, parent, link));
      }
    }
  }
  return runs;
}

function markLast(runs: Run[], tag: TagNode): void {
  const last = runs.findLast((run) => run.link?.tag === tag);
  if (last?.link) last.link = { ...last.link, last: true };
}

export function bodyStyle(ctx: LayoutContext): InlineStyle {
  return { font: 'regular', size: ctx.size ?? ctx.style.sizes.body, colour: ctx.style.colours.text };
}

/** A paragraph of runs as line items, tagged `type` below `parent`. */
export function paragraph(
  ctx: LayoutContext,
  box: Box,
  runs: (tag: TagNode) => Run[],
  parent: TagNode,
  options: { type?: string; before?: number; keepWithNext?: boolean; anchors?: string[]; tagOptions?: Record<string, unknown> } = {},
): Item[] {
  const tag = ctx.tagger.node(options.type ?? 'P', parent, options.tagOptions);
  const lines = breakLines(ctx.measure, runs(tag), box.width, ctx.style.lineSpacing);
  if (box.align === 'right' || box.align === 'center') {
    for (const line of lines) {
      const shift = (box.width - line.width) * (box.align === 'right' ? 1 : 0.5);
      for (const fragment of line.fragments) fragment.x += shift;
    }
  }
  return lineItems(ctx, lines, box.x, tag, {
    before: options.before ?? ctx.style.spacing.paragraph,
    keepWithNext: options.keepWithNext,
    orphans: ctx.style.pdf.orphans,
    anchors: options.anchors,
  });
}

export function headingSize(style: PdfStyle, depth: number): number {
  return depth <= 1 ? style.sizes.heading1 : depth === 2 ? style.sizes.heading2 : depth === 3 ? style.sizes.heading3 : style.sizes.body;
}

export function anchorOf(node: { data?: unknown }): string | undefined {
  const anchor = (node.data as { anchor?: unknown } | undefined)?.anchor;
  return typeof anchor === 'string' ? anchor : undefined;
}

/** Block content to items. */
export function layoutBlocks(ctx: LayoutContext, nodes: readonly Node[], box: Box, parent: TagNode): Item[] {
  const items: Item[] = [];
  for (const node of nodes) items.push(...layoutBlock(ctx, node, box, parent));
  return items;
}

function layoutBlock(ctx: LayoutContext, node: Node, box: Box, parent: TagNode): Item[] {
  const { style } = ctx;
  const base = bodyStyle(ctx);
  switch (node.type) {
    case 'paragraph': {
      // An image standing alone in its paragraph is a figure; inside running text it reads as its alt text.
      const images = node.children.filter((c) => c.type === 'image');
      if (images.length > 0 && node.children.every((c) => c.type === 'image' || (c.type === 'text' && !c.value.trim()))) {
        return images.flatMap((image) => layoutImage(ctx, image, box, parent));
      }
      return paragraph(ctx, box, (tag) => inlineRuns(ctx, node.children, base, tag), parent);
    }
    case 'heading': {
      const depth = Math.min(Math.max(node.depth, 2), 6);
      const size = headingSize(style, depth);
      const anchor = anchorOf(node);
      return paragraph(ctx, { ...box, align: null }, (tag) => inlineRuns(ctx, node.children, { font: 'bold', size, colour: style.colours.accent }, tag), parent, {
        type: `H${depth}`,
        before: style.spacing.heading,
        keepWithNext: true,
        anchors: anchor ? [anchor] : undefined,
      });
    }
    case 'list':
      return layoutList(ctx, node, box, parent);
    case 'blockquote':
      return layoutQuote(ctx, node.children, box, parent);
    case 'code':
    case 'html':
      return paragraph(ctx, box, () => [{ text: node.value, ...base }], parent);
    case 'thematicBreak':
      return [rule(ctx, box)];
    case 'packTable':
      return layoutTable(ctx, node as PackTable, box, parent);
    case 'table':
      throw new Error('a Markdown table reached the PDF renderer without being planned as a pack table');
    case 'footnoteDefinition':
    case 'definition':
    case 'yaml':
      return [];
    default: {
      const children = (node as { children?: Node[] }).children;
      return children ? layoutBlocks(ctx, children, box, parent) : [];
    }
  }
}

function rule(ctx: LayoutContext, box: Box): Item {
  const gap = ctx.style.spacing.paragraph;
  return {
    height: gap,
    before: gap,
    draw: (y) =>
      ctx.tagger.artifact(() => {
        ctx.doc
          .moveTo(box.x, y + gap / 2)
          .lineTo(box.x + box.width, y + gap / 2)
          .lineWidth(0.5)
          .strokeColor(ctx.style.colours.rule)
          .stroke();
      }),
  };
}

function layoutList(ctx: LayoutContext, list: List, box: Box, parent: TagNode, depth = 0): Item[] {
  const { style } = ctx;
  const indent = style.lists.indent;
  const listTag = ctx.tagger.node('L', parent);
  const items: Item[] = [];
  list.children.forEach((listItem: ListItem, index) => {
    const label = list.ordered ? `${(list.start ?? 1) + index}.` : style.lists.bullets[depth % style.lists.bullets.length]!;
    const itemTag = ctx.tagger.node('LI', listTag);
    const labelTag = ctx.tagger.node('Lbl', itemTag);
    const bodyTag = ctx.tagger.node('LBody', itemTag);
    const inner: Box = { x: box.x + indent, width: box.width - indent };
    const children: Item[] = [];
    for (const child of listItem.children) {
      if (child.type === 'list') children.push(...layoutList(ctx, child, inner, bodyTag, depth + 1));
      else children.push(...layoutBlock(ctx, child, inner, bodyTag));
    }
    const first = children[0];
    if (!first) return;
    first.before = index === 0 ? style.spacing.paragraph : style.pdf.listItemSpacing;
    const anchor = anchorOf(listItem);
    if (anchor) first.anchors = [...(first.anchors ?? []), anchor];
    const drawFirst = first.draw;
    const size = ctx.size ?? style.sizes.body;
    const labelWidth = ctx.measure.width(label, 'regular', size);
    first.draw = (y) => {
      ctx.tagger.content(labelTag, () => {
        show(ctx, label, inner.x - labelWidth - size * 0.4, y + (first.baseline ?? size), 'regular', size, style.colours.text);
      });
      drawFirst(y);
    };
    items.push(...children);
  });
  return items;
}

function layoutQuote(ctx: LayoutContext, children: readonly Node[], box: Box, parent: TagNode): Item[] {
  const indent = ctx.style.pdf.quoteIndent;
  const tag = ctx.tagger.node('BlockQuote', parent);
  const items = layoutBlocks(ctx, children, { x: box.x + indent, width: box.width - indent }, tag);
  return items.map((item) => ({
    ...item,
    draw: (y: number) => {
      ctx.tagger.artifact(() => {
        ctx.doc
          .rect(box.x + indent / 4, y - (item === items[0] ? 0 : (item.before ?? 0)), 2, item.height + (item === items[0] ? 0 : (item.before ?? 0)))
          .fill(ctx.style.colours.rule);
      });
      item.draw(y);
    },
  }));
}

function layoutImage(ctx: LayoutContext, node: Image, box: Box, parent: TagNode): Item[] {
  const asset = node.data?.asset;
  const image = asset === undefined ? undefined : ctx.images.get(asset);
  if (!image) throw new Error(`image ${node.url} reached the PDF renderer without being loaded into the plan`);
  const size = node.data?.size;
  if (!size) throw new Error(`image ${node.url} reached the PDF renderer without its planned size`);
  // The plan's size, scaled down in a box narrower than the text (a list, a quote, a cell).
  const scale = Math.min(1, box.width / size.width);
  const width = size.width * scale;
  const height = size.height * scale;
  const tag = ctx.tagger.node('Figure', parent, { alt: node.alt || node.title || '' });
  return [
    {
      height,
      before: ctx.style.spacing.paragraph,
      draw: (y) => ctx.tagger.content(tag, () => ctx.doc.image(image.bytes as never, box.x, y, { width, height })),
    },
  ];
}

/** The endnotes of a document, numbered as referenced. */
export function endnoteBlocks(notes: Endnotes, heading: string): Root['children'] {
  if (notes.numbers.size === 0) return [];
  const entries = [...notes.numbers.entries()].sort((a, b) => a[1] - b[1]);
  return [
    { type: 'heading', depth: 2, children: [{ type: 'text', value: heading }] },
    {
      type: 'list',
      ordered: true,
      start: 1,
      spread: false,
      children: entries.map(([identifier, n]) => ({
        type: 'listItem',
        spread: false,
        data: { anchor: `${notes.anchor}--note-${n}` } as never,
        children: notes.definitions.get(identifier) ?? [{ type: 'paragraph', children: [] }],
      })),
    },
  ];
}
