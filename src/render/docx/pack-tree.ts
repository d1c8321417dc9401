/**
 * The whole pack as one Markdown tree for remark-docx: the plan's sections in order, with a few
 * pack-level nodes (cover, contents, agenda, section start, page reference) that the pack plugin
 * draws. Paper bodies go in as they are, so remark-docx compiles their Markdown. Page numbers
 * are the PDF's (the same plan on the same page size, margins and fonts), filled in when the
 * package is finished (`ooxml.ts`), so the tree needs none.
 */
import type { Heading, Paragraph, Root, RootContent } from 'mdast';
import type { Node } from 'unist';
import type { AgendaPlan, ContentsLine, CoverPlan, DocumentPlan, PackPlan, PartPlan } from '../../plan/plan.js';
import type { SectionFurniture } from './ooxml.js';

export interface DocxCover extends Node {
  type: 'docxCover';
  cover: CoverPlan;
}

/** Starts a new section (and so a new page); what its header and footer carry is in `PackTree.sections`. */
export interface DocxSection extends Node {
  type: 'docxSection';
}

/** The plan's contents lines; a line with a target ends with its page number. */
export interface DocxContents extends Node {
  type: 'docxContents';
  lines: ContentsLine[];
}

export interface DocxAgenda extends Node {
  type: 'docxAgenda';
  agenda: AgendaPlan;
}

/**
 * A page number: a PAGEREF field to the anchor's bookmark whose cached result, filled in when
 * the package is finished, is the anchor's page in the PDF, so every reader shows it at once and
 * Word can refresh it.
 */
export interface DocxPageRef extends Node {
  type: 'docxPageRef';
  anchor: string;
}

declare module 'mdast' {
  interface RootContentMap {
    docxSection: DocxSection;
    docxCover: DocxCover;
    docxContents: DocxContents;
    docxAgenda: DocxAgenda;
    docxPageRef: DocxPageRef;
  }
  interface PhrasingContentMap {
    docxPageRef: DocxPageRef;
  }
}

export interface PackTree {
  tree: Root;
  /** What each section's header and footer carry, in order; the cover's first, with neither. */
  sections: SectionFurniture[];
  /** Every link target the pack defines. */
  anchors: Set<string>;
}

/** The pack's tree. */
export function packTree(plan: PackPlan): PackTree {
  const children: RootContent[] = [];
  const anchors = new Set<string>();
  const title = (text: string, anchor: string): Heading => {
    anchors.add(anchor);
    return { type: 'heading', depth: 1, children: [{ type: 'text', value: text }], data: { anchor } };
  };
  const agendas = new Map(plan.agendas.map((agenda) => [agenda.anchor, agenda]));
  const parts = new Map(plan.parts.map((part) => [part.anchor, part]));
  const documents = new Map(plan.parts.flatMap((part) => part.documents.map((doc, i) => [doc.anchor, { doc, part, first: i === 0 }] as const)));
  const sections: SectionFurniture[] = [];

  // The plan's sections in order, each from a new page with its own header and footer.
  for (const section of plan.sections) {
    if (section.kind !== 'cover') children.push({ type: 'docxSection' });
    sections.push({ running: section.furniture, ...(section.banner ? { banner: section.banner } : {}), ...(section.running ? { title: section.running } : {}) });
    const anchor = section.anchor ?? '';
    switch (section.kind) {
      case 'cover':
        children.push({ type: 'docxCover', cover: plan.cover });
        break;
      case 'contents':
        children.push(contentsHeading(plan.labels.contents), { type: 'docxContents', lines: plan.contents });
        break;
      case 'agenda':
        children.push(title(agendas.get(anchor)!.title, anchor), { type: 'docxAgenda', agenda: agendas.get(anchor)! });
        break;
      case 'divider':
        children.push(title(parts.get(anchor)!.title, anchor));
        break;
      case 'changes':
        children.push(...documentBlocks(plan.changes!, undefined, title));
        break;
      case 'document': {
        const { doc, part, first } = documents.get(anchor)!;
        // A part without a divider page is reached through its first document.
        const opens = first && !part.divider;
        if (opens) anchors.add(part.anchor);
        children.push(...documentBlocks(doc, opens ? part : undefined, title));
        break;
      }
    }
  }

  for (const doc of plan.parts.flatMap((p) => p.documents)) for (const heading of doc.headings) anchors.add(heading.anchor);
  return { tree: { type: 'root', children }, sections, anchors };
}

function contentsHeading(label: string): Paragraph {
  // Not a Heading: the contents list must not list itself.
  return { type: 'paragraph', children: [{ type: 'text', value: label }], data: { docxStyle: 'TOCHeading' } };
}

function documentBlocks(doc: DocumentPlan, openingPart: PartPlan | undefined, title: (text: string, anchor: string) => Heading): RootContent[] {
  const heading = title(doc.title, doc.anchor);
  if (openingPart) heading.data = { ...heading.data, partAnchor: openingPart.anchor };
  const blocks: RootContent[] = [heading];
  if (doc.note) blocks.push({ type: 'paragraph', children: [{ type: 'emphasis', children: [{ type: 'text', value: doc.note }] }] });
  if (doc.revised) blocks.push({ type: 'paragraph', children: [{ type: 'strong', children: [{ type: 'text', value: doc.revised }] }] });
  // The banner sits in the header; this line puts the marking in the document's own text too, as the PDF does.
  if (doc.marking) blocks.push({ type: 'paragraph', children: [{ type: 'text', value: doc.marking }], data: { docxStyle: 'Marking' } });
  blocks.push(...doc.body.children.filter((node) => node.type !== 'yaml'));
  return blocks;
}

declare module 'mdast' {
  interface HeadingData {
    /** The part a document opens when that part has no divider page: its link target sits here too. */
    partAnchor?: string;
  }
  interface ParagraphData {
    /** A named paragraph style instead of Normal. */
    docxStyle?: string;
  }
}
