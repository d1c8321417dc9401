/**
 * What a comparison does to an edition's plan: the changes page after the contents, the
 * "Revised DATE" mark on each revised paper, and, for a supplementary pack, a plan of only the
 * new and revised papers and the agendas whose items changed. The changes come from this
 * edition's own circulations, so nothing here can name what the edition does not carry.
 */
import type { List, ListItem, PhrasingContent, Root, RootContent } from 'mdast';
import type { DocumentPlan, PackPlan, PaperRef } from '../plan/plan.js';
import { arrangePlan, dateFormats, type RunningTitle } from '../plan/build-plan.js';
import { fill, type Layout } from '../plan/template.js';
import type { CirculatedItem, CirculatedPaper } from './circulation.js';
import { supplementPapers, unchanged, type Changes } from './compare.js';

type ChangeLabels = Layout['labels']['changes'];

/** The link target of the changes page. */
export const CHANGES_ANCHOR = 'changes';

/** A date as the pack writes it, e.g. `20 October 2015`. */
export const longDate = (iso: string, language: string) => dateFormats(language).long(new Date(iso));

const text = (value: string): PhrasingContent => ({ type: 'text', value });
const item = (children: PhrasingContent[]): ListItem => ({ type: 'listItem', spread: false, children: [{ type: 'paragraph', children }] });
const list = (items: ListItem[]): List => ({ type: 'list', ordered: false, spread: false, children: items });

/** Each kind of change under its heading, kinds with none left out; one line per change. */
export function changesBody(changes: Changes, labels: ChangeLabels): Root {
  const paper = (p: CirculatedPaper) => text(p.title);
  const status = (s: CirculatedPaper['status']) => labels.statuses[s];
  const times = (i: Pick<CirculatedItem, 'time' | 'end'>) => [i.time, i.end].filter(Boolean).join('–') || '—';
  const itemLine = (i: CirculatedItem) => [text(fill(labels.item, { title: i.title, session: i.session, time: times(i) }))];
  const groups: [string, ListItem[]][] = [
    [labels.added, changes.added.map((c) => item([paper(c.paper)]))],
    [labels.available, changes.available.map((c) => item([paper(c.paper)]))],
    [labels.withdrawn, changes.withdrawn.map((c) => item([paper(c.paper)]))],
    [labels.status, changes.status.map((c) => item([text(fill(labels.statusLine, { title: c.paper.title, from: status(c.from), to: status(c.paper.status) }))]))],
    [
      labels.revised,
      changes.revised.map((c) => {
        const sections = c.sections.map((s) => s || labels.opening).join('; ');
        return item([paper(c.paper), ...(sections ? [text(' '), { type: 'emphasis', children: [text(`(${fill(labels.sections, { sections })})`)] } satisfies PhrasingContent] : [])]);
      }),
    ],
    [labels.agendaAdded, changes.agendaAdded.map((i) => item(itemLine(i)))],
    [labels.agendaRemoved, changes.agendaRemoved.map((i) => item(itemLine(i)))],
    [labels.agendaRetimed, changes.agendaRetimed.map((r) => item([text(fill(labels.retimed, { title: r.item.title, session: r.item.session, from: times(r.from), to: times(r.item) }))]))],
  ];
  const children: RootContent[] = [];
  for (const [heading, items] of groups) {
    if (items.length === 0) continue;
    children.push({ type: 'heading', depth: 2, children: [text(heading)], data: { anchor: `${CHANGES_ANCHOR}--${children.length}` } }, list(items));
  }
  if (unchanged(changes)) children.push({ type: 'paragraph', children: [text(labels.none)] });
  return { type: 'root', children };
}

/** The plan with its changes page and each revised paper marked. */
export function withChanges(plan: PackPlan, changes: Changes, labels: ChangeLabels, running: RunningTitle): PackPlan {
  const title = fill(labels.title, { date: longDate(changes.since, plan.language) });
  const page: DocumentPlan = { id: CHANGES_ANCHOR, anchor: CHANGES_ANCHOR, title, kind: 'paper', status: 'included', body: changesBody(changes, labels), headings: [] };
  const mark = fill(labels.mark, { date: longDate(plan.date.toISOString(), plan.language) });
  const revised = new Set(changes.revised.map((c) => c.paper.id));
  // The contents' entry of a printed paper (a withheld paper's stub has a note, and never a revision).
  const entry = (r: PaperRef): PaperRef => (revised.has(r.id) && r.anchor !== undefined && r.note === undefined ? { ...r, revised: mark } : r);
  return arrangePlan(
    {
      ...plan,
      changes: page,
      parts: plan.parts.map((part) => ({
        ...part,
        entries: part.entries.map(entry),
        documents: part.documents.map((d) => (revised.has(d.id) ? { ...d, revised: mark } : d)),
      })),
    },
    running,
  );
}

/**
 * A supplementary pack: the papers added, now available or revised, and the agendas with an
 * item added, removed or retimed; its cover says which pack it supplements.
 */
export function supplementPlan(plan: PackPlan, changes: Changes, labels: ChangeLabels, number: number, running: RunningTitle): PackPlan {
  const kept = supplementPapers(changes);
  // A paper the supplement does not print is named by an agenda without a link.
  const ref = (r: PaperRef): PaperRef => (kept.has(r.id) || r.anchor === undefined ? r : { id: r.id, title: r.title, status: r.status, presence: 'listed', ...(r.note ? { note: r.note } : {}), ...(r.restricted ? { restricted: r.restricted } : {}) });
  const agendas = new Set([...changes.agendaAdded, ...changes.agendaRemoved, ...changes.agendaRetimed.map((r) => r.item)].map((i) => i.agenda));
  const since = longDate(changes.since, plan.language);
  return arrangePlan(
    {
    ...plan,
    // The supplement's title on the cover, the meeting's title under it.
    cover: { ...plan.cover, title: fill(labels.supplement, { number, date: since }), series: plan.cover.title },
    agendas: plan.agendas.filter((a) => agendas.has(a.anchor)).map((a) => ({ ...a, entries: a.entries.map((e) => (e.kind === 'item' ? { ...e, papers: e.papers.map(ref) } : e)) })),
    parts: plan.parts
      .map((part) => ({ ...part, entries: part.entries.filter((e) => kept.has(e.id) && e.anchor !== undefined), documents: part.documents.filter((d) => kept.has(d.id)) }))
      .filter((part) => part.documents.length > 0),
    },
    running,
  );
}

