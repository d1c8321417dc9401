/**
 * The pack plan: one format-neutral description of what a briefing pack shows, in order.
 * Built from the resolved (and edition-filtered) pack; the PDF and DOCX renderers read only this
 * and the layout template, so both outputs are the same pack.
 */
import type { BlockContent, PhrasingContent, Root } from 'mdast';
import type { Node } from 'unist';
import type { Audience } from '../editions/editions.js';
import type { PackImage } from '../model/pack.js';

/** A table as both renderers draw it, from YAML data or from a Markdown table. */
export interface PackTable extends Node {
  type: 'packTable';
  /** Header cells, one per column; the header row repeats on every page the table continues on. */
  header: PhrasingContent[][];
  /**
   * Relative column widths, summing to 1, measured from the cells' content in the layout's fonts:
   * each column at least as wide as its longest word (so no word breaks inside a column) when
   * the table's width allows it.
   */
  widths: number[];
  align: ('left' | 'right' | 'center' | null)[];
  rows: PackTableRow[];
  /** Printed above the table: a data table's caption, else its data's title, unless it repeats the paper's title or its section's heading; Markdown tables have none. */
  caption?: string;
  /** Printed below the table, each note its own blocks. */
  notes?: BlockContent[][];
}

/** A row of cells, or a group row that spans the table (e.g. "Bilateral/ Regional"). */
export type PackTableRow = { kind: 'group'; label: string } | { kind: 'cells'; cells: BlockContent[][] };

declare module 'mdast' {
  interface RootContentMap {
    packTable: PackTable;
  }
  interface BlockContentMap {
    packTable: PackTable;
  }
}

export interface PackPlan {
  /** The file name stem of the outputs. */
  pack: string;
  title: string;
  shortTitle: string;
  organisation: string;
  series: string;
  /** BCP 47 language of the pack, e.g. `en`. */
  language: string;
  edition: EditionPlan;
  /** The pack's date: from SOURCE_DATE_EPOCH, else the meeting's first day; never the clock. */
  date: Date;
  cover: CoverPlan;
  agendas: AgendaPlan[];
  /** The background papers part, then the annex part. */
  parts: PartPlan[];
  /** The changes since an earlier circulation (`build --since`), drawn after the contents as a document of its own. */
  changes?: DocumentPlan;
  /** The contents, line by line, as every format prints it. */
  contents: ContentsLine[];
  /** Each run of pages in order, with what its head and foot carry. */
  sections: SectionPlan[];
  /** Words the renderers add, filled in for this pack. */
  labels: RenderLabels;
  /** Where pages may break. */
  breaks: BreakRules;
  /** The images the bodies show, by `image.data.asset`. */
  images: Map<string, PackImage>;
}

/** A line of the contents: an agenda, a part's title, or a document of a part. */
export interface ContentsLine {
  /** `changes`: the changes page of a build `--since` an earlier circulation. */
  kind: 'changes' | 'agenda' | 'part' | 'paper';
  title: string;
  /** Link target, when the line has a page: its number is that anchor's page. */
  anchor?: string;
  /** Why a paper's text is not here, e.g. `to follow`. */
  note?: string;
  /** In an edition that prints restricted papers, the mark of one, e.g. `restricted`. */
  restricted?: string;
}

/**
 * A run of pages that starts on a new page: the cover, the contents, an agenda, a part's
 * divider or a document. Its pages carry the pack's short title and the section's running
 * title at the head, its banner above them, and the edition's footer; the cover carries none.
 */
export interface SectionPlan {
  kind: 'cover' | 'contents' | 'changes' | 'agenda' | 'divider' | 'document';
  /** The anchor of the section's first line (absent for the cover). */
  anchor?: string;
  /** The running title, shortened at a word boundary to fit beside the short title; absent on the cover. */
  running?: string;
  /** e.g. a withheld paper's `RESTRICTED — PRE-DECISION — NOT FOR CIRCULATION`. */
  banner?: string;
  /** Whether the pages carry the running header and footer. */
  furniture: boolean;
}

/**
 * Where pages may break, for every format: each section starts a new page, a heading stays with
 * what follows it, and table rows break as these say (a DOCX row never splits unless it is taller
 * than a page).
 */
export interface BreakRules {
  /** A table row of this many lines or fewer is never split. */
  rowLines: number;
  /** A split table cell leaves at least this many lines on either page. */
  splitLines: number;
}

/** Labels the renderers draw as they are, or with a page number (`{page}`). */
export interface RenderLabels {
  contents: string;
  backgroundPapers: string;
  notes: string;
  /** e.g. `p. {page}`. */
  pageReference: string;
  /** e.g. `Page {page} of {pages}`. */
  page: string;
  /** Marks a table row continued from the previous page, e.g. `(continued)`. */
  continued: string;
}

export interface EditionPlan {
  id: string;
  /** Who may read the edition; a restricted one says so on its cover and in its document properties. */
  audience: Audience;
  label: string;
  marking: string;
  /** The edition line of every footer after the cover, e.g. `Committee edition · RESTRICTED — …`. */
  footer: string;
  /** Text drawn faintly across every page, the cover included, e.g. `DRAFT`; absent for none. */
  watermark?: string;
}

export interface CoverPlan {
  /** The layout's logo, at the top of the cover: its key in `PackPlan.images`, its size in points and its alternative text. */
  logo?: { asset: string; width: number; height: number; alt: string };
  organisation: string;
  title: string;
  /** The series, when it says more than the organisation and the title. */
  series?: string;
  venue: string;
  /** e.g. `26–27 October 2015`. */
  dates: string;
  /** Each session, none when there are more than a cover holds (`COVER_SESSIONS`); its location only when the sessions do not all meet in one place (the agendas name it). */
  sessions: { title: string; when: string; location?: string }[];
  /** e.g. `Public edition`, `Committee edition (restricted)`. */
  edition: string;
  /** The edition's marking, when it says more than `edition` (`PUBLIC` under `Public edition` does not). */
  marking?: string;
  /** e.g. `Version of 26 October 2015`. */
  version: string;
}

export interface AgendaPlan {
  /** Link target of the agenda, unique in the pack. */
  anchor: string;
  /** e.g. `Agenda: Working level meeting`. */
  title: string;
  /** e.g. `Monday 26 October 2015, 14:00–17:30`; a session past midnight names both days. */
  when: string;
  location: string;
  /** Introduces an item's questions, e.g. `Questions for the Steering Committee:` (from `labels.questions`). */
  questions: string;
  /** Width in points of the column left of the items: their times, or their numbers when none has a time. */
  column: number;
  /** The notes and items in the order of the meeting: a timed note among the items by its time. */
  entries: AgendaEntryPlan[];
}

export type AgendaEntryPlan = AgendaNotePlan | AgendaItemPlan;

/** A practical note, e.g. coffee before the start or lunch at 12:00. */
export interface AgendaNotePlan {
  kind: 'note';
  /** `HH:MM`, when the note has a time. */
  time?: string;
  /** What the time column shows: the note's time, or nothing. */
  marker: string;
  /** The note as Markdown. */
  text: Root;
}

export interface AgendaItemPlan {
  kind: 'item';
  /** `HH:MM`, when the item has a time. */
  time?: string;
  /** `HH:MM`: the next item's start (or a timed note's in between), or the session's end; absent when unknown. */
  end?: string;
  /** What the time column shows: `16:00–16:30`, `16:00` with no known end, the item's number in an agenda without times, or nothing. */
  marker: string;
  title: string;
  /** Who speaks, as Markdown. */
  remarks?: Root;
  /** The description as Markdown, empty when there is none. */
  description: Root;
  /** Each question as Markdown. */
  questions: Root[];
  /** Names of the people the item presents, e.g. IEP members. */
  people: string[];
  papers: PaperRef[];
}

/**
 * A paper as an agenda or the contents lists it. A paper with a page has an `anchor`; one whose
 * text is not in this edition has a `note`; a withheld paper's stub page has both.
 */
export interface PaperRef {
  id: string;
  title: string;
  /** Link target of the paper's page (its text, or a withheld paper's stub page). */
  anchor?: string;
  status: DocumentPlan['status'];
  /** Whether the edition prints its text, a stub page in its place, or only lists it. */
  presence: 'text' | 'stub' | 'listed';
  /** In an edition that prints restricted papers, the mark of one, e.g. `restricted`. */
  restricted?: string;
  /** Why its text is not here, e.g. `withheld as pre-decision`, `to be circulated at the meeting`, `to follow`. */
  note?: string;
  /** The paper's text changed since the earlier circulation: its mark, e.g. `Revised 20 October 2015`. */
  revised?: string;
}

export interface PartPlan {
  id: 'papers' | 'annex';
  /** e.g. `Background papers`, `Steering Committee Annex`. */
  title: string;
  anchor: string;
  /** Whether the part opens with a divider page. */
  divider: boolean;
  /** Every document of the part in order, including those listed without a page. */
  entries: PaperRef[];
  /** The documents printed in this edition, in order. */
  documents: DocumentPlan[];
}

export interface DocumentPlan {
  id: string;
  anchor: string;
  title: string;
  kind: 'paper' | 'working-group';
  status: 'included' | 'withheld' | 'at-meeting' | 'to-follow';
  /**
   * The banner on every page of the document: a withheld paper in an edition that carries it,
   * e.g. `RESTRICTED — PRE-DECISION — NOT FOR CIRCULATION`.
   */
  marking?: string;
  /** e.g. `New version`. */
  note?: string;
  /** Drawn under the title and in the running header, e.g. `Revised 20 October 2015`. */
  revised?: string;
  /**
   * The body with headings from depth 2 (the title is the only depth 1), each heading's
   * `data.anchor` set, tables as `packTable`, and a paper of biographies expanded into its groups.
   */
  body: Root;
  /** The body's headings to depth 3, for the outline and contents. */
  headings: { depth: 2 | 3; text: string; anchor: string }[];
}

declare module 'mdast' {
  interface ImageData {
    /** The size in points the image is printed at across the text width: at the layout's resolution, never wider than the text or taller than most of a page. A narrower box (a list, a quote, a cell) scales it down. */
    size?: { width: number; height: number };
  }
  interface HeadingData {
    /** The heading's link target, unique in the pack. */
    anchor?: string;
  }
}

/** The contents page's link target. */
export const CONTENTS_ANCHOR = 'contents';

/** The items of an agenda without its notes, in order. */
export function agendaItems(agenda: AgendaPlan): AgendaItemPlan[] {
  return agenda.entries.filter((entry): entry is AgendaItemPlan => entry.kind === 'item');
}
