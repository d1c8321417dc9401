/**
 * Comparing two circulations of one edition: which papers were added, became available,
 * were withdrawn, changed status or were revised (and in which sections), and which agenda
 * items were added, removed or retimed. Everything is in the newer circulation's order, so the
 * same two circulations always give the same list.
 */
import { itemKey, paperKey, type CirculatedItem, type CirculatedPaper, type Circulation } from './circulation.js';

export interface PaperChange {
  paper: CirculatedPaper;
}

export interface StatusChange extends PaperChange {
  from: CirculatedPaper['status'];
}

export interface Revision extends PaperChange {
  /** Headings of the sections added, removed or changed, in the newer order then the removed ones; "" is the text before the first heading. */
  sections: string[];
}

export interface Retiming {
  item: CirculatedItem;
  from: Pick<CirculatedItem, 'time' | 'end'>;
}

export interface Changes {
  /** The earlier circulation's date (ISO 8601). */
  since: string;
  added: PaperChange[];
  /** Listed before without their text (to follow, at the meeting), printed now. */
  available: PaperChange[];
  withdrawn: PaperChange[];
  /** Any other change of status. */
  status: StatusChange[];
  revised: Revision[];
  agendaAdded: CirculatedItem[];
  agendaRemoved: CirculatedItem[];
  agendaRetimed: Retiming[];
}

/** Whether nothing changed. */
export const unchanged = (c: Changes) => [c.added, c.available, c.withdrawn, c.status, c.revised, c.agendaAdded, c.agendaRemoved, c.agendaRetimed].every((list) => list.length === 0);

/** The ids of the papers whose text the newer circulation prints for the first time or anew: a supplement's papers. */
export function supplementPapers(changes: Changes): Set<string> {
  return new Set([...changes.added, ...changes.available, ...changes.revised].flatMap((c) => (c.paper.printed && c.paper.id !== undefined ? [c.paper.id] : [])));
}

export function compareCirculations(before: Circulation, after: Circulation): Changes {
  const earlier = new Map(before.papers.map((p) => [paperKey(p), p]));
  const later = new Set(after.papers.map(paperKey));
  const changes: Changes = { since: before.date, added: [], available: [], withdrawn: [], status: [], revised: [], agendaAdded: [], agendaRemoved: [], agendaRetimed: [] };
  for (const paper of after.papers) {
    const old = earlier.get(paperKey(paper));
    if (!old) changes.added.push({ paper });
    else if (paper.printed && !old.printed && paper.status === 'included') changes.available.push({ paper });
    else if (paper.status !== old.status) changes.status.push({ paper, from: old.status });
    else if (paper.printed && old.printed && paper.text !== old.text) changes.revised.push({ paper, sections: changedSections(old.sections ?? [], paper.sections ?? []) });
  }
  for (const paper of before.papers) if (!later.has(paperKey(paper))) changes.withdrawn.push({ paper });

  const items = new Map(before.agenda.map((i) => [itemKey(i), i]));
  const now = new Set(after.agenda.map(itemKey));
  for (const item of after.agenda) {
    const old = items.get(itemKey(item));
    if (!old) changes.agendaAdded.push(item);
    else if (old.time !== item.time) changes.agendaRetimed.push({ item, from: { ...(old.time ? { time: old.time } : {}), ...(old.end ? { end: old.end } : {}) } });
  }
  for (const item of before.agenda) if (!now.has(itemKey(item))) changes.agendaRemoved.push(item);
  return changes;
}

function changedSections(before: readonly { heading: string; sha256: string }[], after: readonly { heading: string; sha256: string }[]): string[] {
  const old = new Map(before.map((s) => [s.heading, s.sha256]));
  const headings = new Set(after.map((s) => s.heading));
  const changed = after.filter((s) => old.get(s.heading) !== s.sha256).map((s) => s.heading);
  const removed = before.filter((s) => !headings.has(s.heading)).map((s) => s.heading);
  return [...new Set([...changed, ...removed])];
}
