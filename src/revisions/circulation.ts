/**
 * What one circulation of a pack's edition was, in enough detail to compare it with another:
 * each paper as the edition lists it (status, a digest of its source, a digest of its printed
 * text and of each of its sections), each agenda item and its times, and the pack's date.
 *
 * It is computed from the edition's plan, so it holds only what that edition may say: a
 * withheld paper the edition does not carry appears by its public title and status alone, with
 * no id, digest or heading that could tell a reader it changed.
 */
import { createHash } from 'node:crypto';
import type { Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { DocumentPlan, PackPlan, PaperRef } from '../plan/plan.js';

export interface CirculatedPaper {
  /** The paper's id; absent for a withheld paper the edition does not carry. */
  id?: string;
  /** As this edition lists it: a withheld paper it does not carry under its public title. */
  title: string;
  status: PaperRef['status'];
  part: 'papers' | 'annex';
  /** Whether its text is in this edition. */
  printed: boolean;
  /** sha256 of its source file, when its text is in this edition. */
  source?: string;
  /** sha256 of its printed text (title and body), when its text is in this edition. */
  text?: string;
  /** Its sections in order: the text before the first heading (heading ""), then each depth-2 heading's, with their digests. */
  sections?: { heading: string; sha256: string }[];
}

export interface CirculatedItem {
  /** The agenda's link target (`agenda-<session id>`), stable across circulations. */
  agenda: string;
  /** The session's title, e.g. `Working level meeting`. */
  session: string;
  title: string;
  time?: string;
  /** When it ends: its session's end or the next item's start, so not compared; a retimed item is one whose start moved. */
  end?: string;
}

export interface Circulation {
  /** The pack's date (ISO 8601): SOURCE_DATE_EPOCH, else the meeting's first day. */
  date: string;
  papers: CirculatedPaper[];
  agenda: CirculatedItem[];
}

export const digest = (text: string) => createHash('sha256').update(text).digest('hex');

/** The printed text of blocks, a line per block, so that moving text between paragraphs changes it; a table's cells a line per row. */
const blockText = (nodes: readonly RootContent[]): string =>
  nodes
    .map((n) => {
      if (n.type !== 'packTable') return toString(n);
      const cells = (row: readonly (readonly RootContent[])[]) => row.map((cell) => blockText(cell)).join('\t');
      const rows = n.rows.map((row) => (row.kind === 'group' ? row.label : cells(row.cells)));
      return [n.caption ?? '', cells(n.header as RootContent[][]), ...rows, ...(n.notes ?? []).map((note) => blockText(note))].join('\n');
    })
    .join('\n');

/** The body's sections at depth 2: what precedes the first such heading, then each heading with what follows it. */
export function sections(body: Root): { heading: string; sha256: string }[] {
  const found: { heading: string; nodes: RootContent[] }[] = [{ heading: '', nodes: [] }];
  for (const node of body.children) {
    if (node.type === 'heading' && node.depth <= 2) found.push({ heading: toString(node), nodes: [] });
    found.at(-1)!.nodes.push(node);
  }
  return found.filter((s) => s.heading !== '' || s.nodes.length > 0).map((s) => ({ heading: s.heading, sha256: digest(blockText(s.nodes)) }));
}

/**
 * The circulation an edition's plan shows. `sources` gives each printed document's source digest
 * by id; `date` is the pack's date.
 */
export function circulationOf(plan: PackPlan, sources: ReadonlyMap<string, string>): Circulation {
  const documents = new Map<string, DocumentPlan>(plan.parts.flatMap((part) => part.documents.map((d) => [d.anchor, d] as const)));
  const papers = plan.parts.flatMap((part) =>
    part.entries.map((entry): CirculatedPaper => {
      // A page with a note is a withheld paper's stub: the edition does not carry its text.
      const printed = entry.anchor !== undefined && entry.note === undefined;
      const unspoken = entry.status === 'withheld' && !printed;
      if (unspoken) return { title: entry.title, status: entry.status, part: part.id, printed };
      const doc = printed ? documents.get(entry.anchor!) : undefined;
      const source = doc ? sources.get(doc.id) : undefined;
      return {
        id: entry.id,
        title: entry.title,
        status: entry.status,
        part: part.id,
        printed,
        ...(source ? { source } : {}),
        ...(doc ? { text: digest(`${doc.title}\n${blockText(doc.body.children)}`), sections: sections(doc.body) } : {}),
      };
    }),
  );
  // The agendas are the sessions' in order, as the cover lists them.
  const agenda = plan.agendas.flatMap((a, i) =>
    a.entries.flatMap((entry): CirculatedItem[] => (entry.kind === 'item' ? [{ agenda: a.anchor, session: plan.cover.sessions[i]?.title ?? a.title, title: entry.title, ...(entry.time ? { time: entry.time } : {}), ...(entry.end ? { end: entry.end } : {}) }] : [])),
  );
  return { date: plan.date.toISOString(), papers, agenda };
}

/** A paper's identity across circulations: its id, or for one listed by its public title alone, that title. */
export const paperKey = (paper: CirculatedPaper) => (paper.id !== undefined ? `id:${paper.id}` : `title:${paper.title}`);

/** An item's identity across circulations: its agenda and its title. */
export const itemKey = (item: CirculatedItem) => `${item.agenda}\u0000${item.title}`;
