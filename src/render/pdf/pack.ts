/**
 * The pack as items: the plan's sections in order (cover, contents, agendas, then each part's
 * divider page, if any, and documents), each from a new page under its title, carrying the
 * running title and banner the plan gave it.
 */
import type { BlockContent, List, PhrasingContent, Root } from 'mdast';
import { CONTENTS_ANCHOR, type AgendaItemPlan, type AgendaPlan, type ContentsLine, type DocumentPlan, type PackPlan, type PaperRef, type PartPlan } from '../../plan/plan.js';
import { fill } from '../../plan/template.js';
import { bodyStyle, Endnotes, endnoteBlocks, inlineRuns, layoutBlocks, paragraph, type Box, type InlineStyle, type LayoutContext } from './blocks.js';
import { drawStack, stackHeight, type Item, type Running } from './flow.js';
import type { TagNode } from './tags.js';
import { breakLines, drawLine, show, type Run } from './text.js';

/** Page numbers (1-based) of link targets, from the previous layout pass. */
export type PageNumbers = ReadonlyMap<string, number>;

export function layoutPack(ctx: LayoutContext, plan: PackPlan, pages: PageNumbers): Item[] {
  const { style } = ctx;
  const box: Box = { x: style.page.margins.left, width: style.page.width - style.page.margins.left - style.page.margins.right };
  const root = ctx.tagger.root;
  const agendas = new Map(plan.agendas.map((agenda) => [agenda.anchor, agenda]));
  const parts = new Map(plan.parts.map((part) => [part.anchor, part]));
  const documents = new Map(plan.parts.flatMap((part) => part.documents.map((doc) => [doc.anchor, { doc, part }] as const)));
  const items: Item[] = [];
  // The part being laid out, its structure element, and the index of its first item, which its anchor points at.
  let open: { part: PartPlan; tag: TagNode; at: number } | undefined;
  const enter = (part: PartPlan) => {
    if (open?.part !== part) open = { part, tag: ctx.tagger.node('Part', root), at: items.length };
    return open.tag;
  };

  // The plan's sections in order, each from a new page with what its head and foot carry.
  for (const section of plan.sections) {
    const running: Running = { title: section.running ?? null, ...(section.banner ? { marking: section.banner } : {}) };
    const anchor = section.anchor ?? '';
    switch (section.kind) {
      case 'cover':
        items.push(cover(ctx, plan, box, root));
        break;
      case 'contents':
        items.push(...contents(ctx, plan, box, root, pages, running));
        break;
      case 'agenda':
        items.push(...agendaItems(ctx, plan, agendas.get(anchor)!, box, root, pages, running));
        break;
      case 'divider': {
        const part = parts.get(anchor)!;
        items.push(...divider(ctx, part, box, enter(part), running));
        break;
      }
      case 'changes':
        items.push(...documentItems(ctx, plan, plan.changes!, box, root, running));
        break;
      case 'document': {
        const { doc, part } = documents.get(anchor)!;
        items.push(...documentItems(ctx, plan, doc, box, enter(part), running));
        break;
      }
    }
    const first = open && items[open.at];
    if (first && !first.anchors?.includes(open!.part.anchor)) first.anchors = [open!.part.anchor, ...(first.anchors ?? [])];
  }
  return items;
}

/** A page number for an anchor: from the previous pass, else a placeholder of typical width. */
export function pageLabel(pages: PageNumbers, anchor: string): string {
  return String(pages.get(anchor) ?? 88);
}

function title(ctx: LayoutContext, box: Box, text: string, parent: TagNode, options: { anchor?: string; size?: number; type?: string; align?: Box['align'] } = {}): Item[] {
  const { style } = ctx;
  return paragraph(ctx, { ...box, align: options.align ?? null }, () => [{ text, font: 'bold', size: options.size ?? style.sizes.heading1, colour: style.colours.accent }], parent, {
    type: options.type ?? 'H1',
    before: 0,
    keepWithNext: true,
    anchors: options.anchor ? [options.anchor] : undefined,
  });
}

function plain(ctx: LayoutContext, box: Box, text: string, parent: TagNode, run: Partial<Run> = {}, before?: number): Item[] {
  return paragraph(ctx, box, () => [{ ...bodyStyle(ctx), ...run, text }], parent, { before });
}

/** Stacks items inside one item, for pages laid out as a whole (cover, divider). */
function stack(items: Item[], height: number, offset: number, extra: Partial<Item>): Item {
  return {
    height,
    draw: (y) => drawStack(items, y + offset),
    ...extra,
  };
}

function contentHeight(ctx: LayoutContext): number {
  const { page } = ctx.style;
  return page.height - page.margins.top - page.margins.bottom;
}

function cover(ctx: LayoutContext, plan: PackPlan, box: Box, root: TagNode): Item {
  const { style } = ctx;
  const { cover } = plan;
  const tag = ctx.tagger.node('Sect', root);
  const centre: Box = { ...box, align: 'center' };
  const muted = { colour: style.colours.muted };
  const parts: Item[] = [
    ...(cover.logo ? [logo(ctx, cover.logo, box, tag)] : []),
    ...plain(ctx, centre, cover.organisation, tag, { font: 'bold', size: style.sizes.heading2, colour: style.colours.accent }, cover.logo ? style.spacing.heading : 0),
    // A wrapped title's lines keep the title's own line spacing.
    ...title(ctx, centre, cover.title, tag, { size: style.sizes.title, align: 'center' }),
    ...(cover.series ? plain(ctx, centre, cover.series, tag, { size: style.sizes.heading2 }, style.spacing.paragraph) : []),
    ...plain(ctx, centre, cover.dates, tag, { font: 'bold', size: style.sizes.heading3 }, style.spacing.heading * 2),
    ...plain(ctx, centre, cover.venue, tag, {}, style.spacing.paragraph),
  ];
  for (const session of cover.sessions) {
    parts.push(...plain(ctx, centre, session.title, tag, { font: 'bold' }, style.spacing.heading));
    parts.push(...plain(ctx, centre, session.when, tag, {}, 2));
    if (session.location) parts.push(...plain(ctx, centre, session.location, tag, muted, 2));
  }
  parts.push(...plain(ctx, centre, cover.edition, tag, { font: 'bold', size: style.sizes.heading3, colour: style.colours.accent }, style.spacing.heading * 3));
  if (cover.marking) parts.push(...plain(ctx, centre, cover.marking, tag, { font: 'bold', size: style.sizes.heading3, colour: style.colours.restricted }, style.spacing.paragraph));
  parts.push(...plain(ctx, centre, cover.version, tag, muted, style.spacing.paragraph));
  const height = contentHeight(ctx);
  const offset = Math.max(0, (height - stackHeight(parts)) / 3);
  return stack(parts, height, offset, { bare: true, running: { title: null } });
}

/** The cover's logo, centred, at the size the plan gave it. */
function logo(ctx: LayoutContext, plan: NonNullable<PackPlan['cover']['logo']>, box: Box, parent: TagNode): Item {
  const image = ctx.images.get(plan.asset);
  if (!image) throw new Error('the cover logo reached the PDF renderer without its image in the plan');
  const tag = ctx.tagger.node('Figure', parent, { alt: plan.alt });
  const x = box.x + (box.width - plan.width) / 2;
  return { height: plan.height, draw: (y) => ctx.tagger.content(tag, () => ctx.doc.image(image.bytes as never, x, y, { width: plan.width, height: plan.height })) };
}

/** An entry of the contents or a divider: a title linked to its page, the number at the right. */
function entry(ctx: LayoutContext, box: Box, ref: { title: string; anchor?: string; note?: string; restricted?: string }, parent: TagNode, pages: PageNumbers, options: { indent: number; bold?: boolean; before: number }): Item[] {
  const { style } = ctx;
  const tag = ctx.tagger.node('TOCI', parent);
  const size = style.sizes.body;
  const numberWidth = ctx.measure.width('0000', 'regular', size);
  const inner: Box = { x: box.x + options.indent, width: box.width - options.indent - numberWidth - size };
  const font = options.bold ? 'bold' : 'regular';
  const extra = (link?: Run['link']): Run[] => [
    ...(ref.note ? [{ text: ` (${ref.note})`, font: 'italic' as const, size, colour: style.colours.muted, ...(link ? { link } : {}) }] : []),
    ...(ref.restricted ? [{ text: ` (${ref.restricted})`, font: 'bold' as const, size, colour: style.colours.restricted, ...(link ? { link } : {}) }] : []),
  ];
  if (!ref.anchor) return paragraph(ctx, inner, () => [{ text: ref.title, font, size, colour: style.colours.text }, ...extra()], parent, { before: options.before, type: 'TOCI' });
  const anchor = ref.anchor;
  const link = ctx.tagger.node('Link', tag);
  const runs: Run[] = [{ text: ref.title, font, size, colour: style.colours.text, link: { target: { anchor }, tag: link } }, ...extra({ target: { anchor }, tag: link })];
  const lines = breakLines(ctx.measure, runs, inner.width, style.lineSpacing);
  const number = pageLabel(pages, anchor);
  return lines.map((line, index) => ({
    height: line.height,
    before: index === 0 ? options.before : undefined,
    keepWithNext: index < lines.length - 1,
    draw: (y: number) => {
      drawLine(ctx, line, inner.x, y, tag);
      if (index < lines.length - 1) return;
      const width = ctx.measure.width(number, font, size);
      const x = box.x + box.width - width;
      // A dotted leader from the title to its page number.
      const from = inner.x + line.width + size / 2;
      const to = x - size / 2;
      if (to > from) {
        ctx.tagger.artifact(() => {
          const leader = y + line.baseline;
          ctx.doc.save().moveTo(from, leader).lineTo(to, leader).lineWidth(0.8).lineCap('round').dash(0.01, { space: size / 3 }).strokeColor(style.colours.muted).stroke().restore();
        });
      }
      ctx.tagger.content(link, () => {
        show(ctx, number, x, y + line.baseline, font, size, style.colours.text);
      });
      ctx.tagger.annotation(link, (structParent) => ctx.doc.goTo(x, y, width, line.height, anchor, { structParent } as never));
      ctx.tagger.end(link);
    },
  }));
}

/** The plan's contents lines: agendas and parts in bold, a part's papers indented under it. */
function contents(ctx: LayoutContext, plan: PackPlan, box: Box, root: TagNode, pages: PageNumbers, running: Running): Item[] {
  const { style } = ctx;
  const toc = ctx.tagger.node('TOC', root);
  const items: Item[] = title(ctx, box, plan.labels.contents, root, { anchor: CONTENTS_ANCHOR });
  items[0]!.pageBreakBefore = true;
  items[0]!.running = running;
  const before = (line: ContentsLine, index: number) => (line.kind === 'paper' ? style.pdf.listItemSpacing : line.kind === 'part' || index === 0 ? style.spacing.heading : style.spacing.paragraph);
  plan.contents.forEach((line, index) => {
    items.push(...entry(ctx, box, line, toc, pages, { indent: line.kind === 'paper' ? style.lists.indent : 0, bold: line.kind !== 'paper', before: before(line, index) }));
  });
  return items;
}

function agendaItems(ctx: LayoutContext, plan: PackPlan, agenda: AgendaPlan, box: Box, root: TagNode, pages: PageNumbers, running: Running): Item[] {
  const { style } = ctx;
  const sect = ctx.tagger.node('Sect', root);
  const items = title(ctx, box, agenda.title, sect, { anchor: agenda.anchor });
  items[0]!.pageBreakBefore = true;
  items[0]!.running = running;
  items.push(...plain(ctx, box, agenda.when, sect, { font: 'bold' }, style.spacing.paragraph));
  items.push(...plain(ctx, box, agenda.location, sect, { colour: style.colours.muted }, 2));
  const column = agenda.column;
  const right: Box = { x: box.x + column, width: box.width - column };
  const timed = (time: string, content: Item[], tag: TagNode) => {
    const first = content[0];
    if (!first) return content;
    const draw = first.draw;
    const lines = breakLines(ctx.measure, [{ text: time, font: 'bold', size: style.sizes.body, colour: style.colours.accent }], column - style.sizes.body, style.lineSpacing);
    first.draw = (y) => {
      const timeTag = ctx.tagger.node('P', tag);
      lines.forEach((line, i) => drawLine(ctx, line, box.x, y + (first.baseline ?? 0) - line.baseline + i * line.height, timeTag));
      draw(y);
    };
    return content;
  };
  for (const entry of agenda.entries) {
    const tag = ctx.tagger.node('Div', sect);
    const content = entry.kind === 'note' ? styledBlocks(ctx, entry.text, right, tag, { font: 'italic', colour: style.colours.muted }, style.spacing.heading) : agendaItem(ctx, plan, entry, agenda.questions, right, tag, pages);
    items.push(...(entry.marker ? timed(entry.marker, content, tag) : content));
  }
  return items;
}

/**
 * Markdown blocks whose paragraphs are set in a style of their own (a note's muted italic, the
 * remarks' italic), with the Markdown's emphasis, strong and links on top of it.
 */
function styledBlocks(ctx: LayoutContext, root: Root, box: Box, tag: TagNode, run: Partial<InlineStyle>, before: number): Item[] {
  const base = { ...bodyStyle(ctx), ...run };
  return root.children.flatMap((node, i) => {
    const gap = i === 0 ? before : undefined;
    if (node.type !== 'paragraph') return layoutBlocks(ctx, [node], box, tag).map((item, k) => (k === 0 && gap !== undefined ? { ...item, before: gap } : item));
    return paragraph(ctx, box, (p) => inlineRuns(ctx, node.children, base, p), tag, { before: gap });
  });
}

function agendaItem(ctx: LayoutContext, plan: PackPlan, item: AgendaItemPlan, questions: string, box: Box, tag: TagNode, pages: PageNumbers): Item[] {
  const { style } = ctx;
  const items = paragraph(ctx, box, () => [{ text: item.title, font: 'bold', size: style.sizes.heading3, colour: style.colours.text }], tag, {
    type: 'H2',
    before: style.spacing.heading * 1.5,
    keepWithNext: true,
  });
  if (item.remarks) items.push(...styledBlocks(ctx, item.remarks, box, tag, { font: 'italic' }, 2));
  if (item.people.length > 0) items.push(...plain(ctx, box, item.people.join(', '), tag, { font: 'italic' }, 2));
  items.push(...layoutBlocks(ctx, item.description.children, box, tag));
  const label = (text: string) => plain(ctx, box, text, tag, { font: 'bold', size: style.sizes.small, colour: style.colours.accent }, style.spacing.paragraph).map((i) => ({ ...i, keepWithNext: true }));
  if (item.questions.length > 0) {
    items.push(...label(questions));
    const list: List = { type: 'list', ordered: false, spread: false, children: item.questions.map((q) => ({ type: 'listItem', spread: false, children: q.children as BlockContent[] })) };
    items.push(...layoutBlocks(ctx, [list], box, tag));
  }
  if (item.papers.length > 0) {
    items.push(...label(plan.labels.backgroundPapers));
    const list: List = { type: 'list', ordered: false, spread: false, children: item.papers.map((paper) => ({ type: 'listItem', spread: false, children: [{ type: 'paragraph', children: paperReference(plan.labels.pageReference, paper, pages) }] })) };
    items.push(...layoutBlocks(ctx, [list], box, tag));
  }
  return items;
}

/** A background paper as an agenda lists it: its title linked to its page, its status note or restricted mark, or both. */
function paperReference(pageRef: string, paper: PaperRef, pages: PageNumbers): PhrasingContent[] {
  const note: PhrasingContent[] = [
    ...(paper.note ? [{ type: 'text', value: ' ' }, { type: 'emphasis', children: [{ type: 'text', value: `(${paper.note})` }] }] satisfies PhrasingContent[] : []),
    ...(paper.restricted ? [{ type: 'text', value: ' ' }, { type: 'strong', children: [{ type: 'text', value: `(${paper.restricted})` }] }] satisfies PhrasingContent[] : []),
  ];
  if (!paper.anchor) return [{ type: 'text', value: paper.title }, ...note];
  const url = `#${paper.anchor}`;
  return [
    { type: 'link', url, children: [{ type: 'text', value: paper.title }] },
    ...note,
    { type: 'text', value: ', ' },
    { type: 'link', url, children: [{ type: 'text', value: fill(pageRef, { page: pageLabel(pages, paper.anchor) }) }] },
  ];
}

function divider(ctx: LayoutContext, part: PartPlan, box: Box, tag: TagNode, running: Running): Item[] {
  const { style } = ctx;
  const heading = title(ctx, { ...box, align: 'center' }, part.title, tag, { size: style.sizes.title, align: 'center' });
  const spacer: Item = { height: contentHeight(ctx) / 3, pageBreakBefore: true, running, keepWithNext: true, draw: () => undefined };
  return [spacer, ...heading];
}

function documentItems(ctx: LayoutContext, plan: PackPlan, document: DocumentPlan, box: Box, parent: TagNode, running: Running): Item[] {
  const { style } = ctx;
  const sect = ctx.tagger.node('Sect', parent, { title: document.title });
  const items = title(ctx, box, document.title, sect, { anchor: document.anchor });
  items[0]!.pageBreakBefore = true;
  items[0]!.running = running;
  if (document.note) items.push(...plain(ctx, box, document.note, sect, { font: 'italic', colour: style.colours.muted }, style.spacing.paragraph));
  if (document.revised) items.push(...plain(ctx, box, document.revised, sect, { font: 'bold', colour: style.colours.accent }, style.spacing.paragraph));
  if (document.marking) items.push(...plain(ctx, box, document.marking, sect, { font: 'bold', colour: style.colours.restricted }, style.spacing.paragraph));
  const notes = new Endnotes(document.anchor);
  collectDefinitions(document, notes);
  const inner: LayoutContext = { ...ctx, notes };
  items.push(...layoutBlocks(inner, document.body.children, box, sect));
  items.push(...layoutBlocks(inner, endnoteBlocks(notes, plan.labels.notes), box, sect));
  return items;
}

function collectDefinitions(document: DocumentPlan, notes: Endnotes): void {
  const walk = (nodes: readonly { type: string; children?: unknown }[]) => {
    for (const node of nodes) {
      if (node.type === 'footnoteDefinition') {
        const def = node as unknown as { identifier: string; children: never[] };
        notes.definitions.set(def.identifier, def.children);
      }
      if (Array.isArray(node.children)) walk(node.children as never);
    }
  };
  walk(document.body.children);
}
