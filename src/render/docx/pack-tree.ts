/**
 * The whole pack as one Markdown tree for remark-docx: the plan's parts in order, with a few
 * pack-level nodes (cover, contents, agenda, section start) that the pack plugin draws.
 * Paper bodies go in as they are, so remark-docx compiles their Markdown.
 */
import type { Heading, Paragraph, PhrasingContent, Root, RootContent } from 'mdast';
import type { AgendaPlan, CoverPlan, DocumentPlan, PackPlan, PaperRef, PartPlan } from '../../layout/plan.js';

/** A contents entry: a heading of the pack to depth 3 and its link target. */
export interface ContentsEntry {
  level: 1 | 2 | 3;
  title: string;
  anchor: string;
}

/** Starts a new section (and so a new page) whose footer carries `marking`. */
export interface DocxSection {
  type: 'docxSection';
  marking: string;
}

export interface DocxCover {
  type: 'docxCover';
  cover: CoverPlan;
}

export interface DocxContents {
  type: 'docxContents';
  entries: ContentsEntry[];
}

export interface DocxAgenda {
  type: 'docxAgenda';
  agenda: AgendaPlan;
}

/** The documents of a part without a page of their own, listed with their status. */
export interface DocxPartEntries {
  type: 'docxPartEntries';
  entries: PaperRef[];
}

declare module 'mdast' {
  interface RootContentMap {
    docxSection: DocxSection;
    docxCover: DocxCover;
    docxContents: DocxContents;
    docxAgenda: DocxAgenda;
    docxPartEntries: DocxPartEntries;
  }
}

export interface PackTree {
  tree: Root;
  /** The footer marking of each section in order; `null` for the cover, which has no header or footer. */
  sections: (string | null)[];
  /** Every link target the pack defines. */
  anchors: Set<string>;
}

export function packTree(plan: PackPlan, contentsLabel: string): PackTree {
  const children: RootContent[] = [];
  const sections: (string | null)[] = [null];
  const anchors = new Set<string>();
  const section = (marking: string) => {
    children.push({ type: 'docxSection', marking });
    sections.push(marking);
  };
  const title = (text: string, anchor: string): Heading => {
    anchors.add(anchor);
    return { type: 'heading', depth: 1, children: [{ type: 'text', value: text }], data: { anchor } };
  };

  children.push({ type: 'docxCover', cover: plan.cover });

  section(plan.edition.marking);
  children.push(contentsHeading(contentsLabel), { type: 'docxContents', entries: contentsEntries(plan) });

  for (const agenda of plan.agendas) {
    section(plan.edition.marking);
    children.push(title(agenda.title, agenda.anchor), { type: 'docxAgenda', agenda });
  }

  for (const part of plan.parts) {
    if (part.divider) {
      section(plan.edition.marking);
      children.push(title(part.title, part.anchor), { type: 'docxPartEntries', entries: part.entries });
    }
    part.documents.forEach((doc, i) => {
      section(doc.marking ?? plan.edition.marking);
      // A part without a divider page is reached through its first document.
      if (i === 0 && !part.divider) anchors.add(part.anchor);
      children.push(...documentBlocks(doc, i === 0 && !part.divider ? part : undefined, title));
    });
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
  blocks.push(...doc.body.children.filter((node) => node.type !== 'yaml'));
  return blocks;
}

/** The contents: agendas, parts and documents at level 1, each document's headings below. */
export function contentsEntries(plan: PackPlan): ContentsEntry[] {
  const entries: ContentsEntry[] = plan.agendas.map((a) => ({ level: 1, title: a.title, anchor: a.anchor }));
  for (const part of plan.parts) {
    if (part.divider) entries.push({ level: 1, title: part.title, anchor: part.anchor });
    for (const doc of part.documents) {
      entries.push({ level: 1, title: doc.title, anchor: doc.anchor });
      for (const h of doc.headings) entries.push({ level: h.depth, title: h.text, anchor: h.anchor });
    }
  }
  return entries;
}

/** Plain text of phrasing content, for labels built around it. */
export function text(value: string): PhrasingContent {
  return { type: 'text', value };
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
