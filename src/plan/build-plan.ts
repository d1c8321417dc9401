/** Builds the pack plan from the resolved pack: what each part shows, in order, for one edition. */
import GithubSlugger from 'github-slugger';
import type { BlockContent, Heading, Link, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit, SKIP } from 'unist-util-visit';
import { decodeFragment } from '../load/markdown.js';
import { agendaLines, nextDay, overnight } from '../resolve/agenda.js';
import type { Pack, PackDocument, PackImage, PackPerson, PackSession, PeopleSection } from '../model/pack.js';
import type { Edition } from '../editions/editions.js';
import { containsId } from '../editions/leaks/words.js';
import { fontMeasure, oneSpace, oneSpaced, shorten } from './measure.js';
import { CONTENTS_ANCHOR, type AgendaEntryPlan, type AgendaPlan, type ContentsLine, type DocumentPlan, type EditionPlan, type PackPlan, type PaperRef, type PartPlan, type SectionPlan } from './plan.js';
import { dataTable, markdownTable, type TableSpace } from './tables.js';
import { fill, PAGE_SIZES, type FontFiles, type Layout } from './template.js';
import { decideLinks } from './links.js';

export interface PlanOptions {
  /** The edition the pack was filtered for (see `editionPack`). */
  edition: Edition;
  /** The layout's font files: the plan measures table columns and running titles with them. */
  fonts: FontFiles;
  /** The pack's date (see `packDate`). */
  date: Date;
  /** A draft: every page carries the layout's `draft` watermark. */
  draft?: boolean;
  /** The layout's logo (see `loadLayout`), drawn on the cover. */
  logo?: PackImage;
  /** Ids no anchor may contain: those of the withheld papers the edition does not carry (see `withheldIds`). */
  avoid?: readonly string[];
}

/** The logo's key in `PackPlan.images`; no path in a content directory starts with a colon. */
export const LOGO_ASSET = ':logo';

/** The latest date a JavaScript Date holds, in seconds since 1970. */
const MAX_EPOCH = 8.64e12;

/**
 * SOURCE_DATE_EPOCH when set (reproducible builds), else the meeting's first day; never the clock.
 * A value that is not a whole number of seconds in range throws, so a build never silently
 * falls back to another date than the one asked for.
 */
export function packDate(pack: Pack, env: NodeJS.ProcessEnv): Date {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch === undefined || epoch === '') return new Date(`${pack.meeting.dates.start}T00:00:00Z`);
  if (!validSourceDateEpoch(epoch)) throw new RangeError(`SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, not "${epoch}".`);
  return new Date(Number(epoch) * 1000);
}

export const validSourceDateEpoch = (epoch: string) => /^\d+$/.test(epoch) && Number(epoch) <= MAX_EPOCH;

export function planPack(pack: Pack, layout: Layout, { edition, fonts, date, draft = false, logo, avoid = [] }: PlanOptions): PackPlan {
  const { meeting } = pack;
  const { labels } = layout;
  const dates = dateFormats(layout.language);
  const textWidth = PAGE_SIZES[layout.page.size].width - layout.page.margins.left - layout.page.margins.right;
  const textHeight = PAGE_SIZES[layout.page.size].height - layout.page.margins.top - layout.page.margins.bottom;
  // An image is never wider than the text, nor taller than most of a page.
  const imageRoom = { width: textWidth, height: textHeight * IMAGE_PAGE_SHARE };
  const measure = fontMeasure(fonts);
  const space: TableSpace = { width: textWidth, measure, size: layout.sizes.table, padding: layout.tables.cellPadding, listIndent: layout.lists.indent };
  const editionName = fill(labels.edition, { label: edition.label });
  // The edition filter has left only the documents this edition prints with their text; a
  // withheld one it does not carry may still have a stub page.
  const stub = (doc: PackDocument) => doc.listedOnly === true && doc.status === 'withheld' && edition.stubs;
  const paged = (doc: PackDocument) => !doc.listedOnly || stub(doc);
  const anchorOf = (doc: PackDocument) => `${doc.kind}-${doc.id}`;
  const noteOf = (doc: PackDocument) => {
    const status = doc.listedOnly && doc.status !== 'included' ? fill(labels.status[doc.status], { reason: doc.reason ?? '' }) : undefined;
    return [status, doc.note].filter(Boolean).join('; ') || undefined;
  };

  const reference = (id: string): PaperRef => {
    const doc = pack.documents.get(id)!;
    const note = doc.listedOnly ? noteOf(doc) : undefined;
    const presence = !doc.listedOnly ? 'text' : stub(doc) ? 'stub' : 'listed';
    // An edition that prints a withheld paper's text marks it wherever it is listed.
    const restricted = presence === 'text' && doc.status === 'withheld' ? labels.restricted : undefined;
    return { id, title: oneSpace(doc.title), status: doc.status, presence, ...(restricted ? { restricted } : {}), ...(paged(doc) ? { anchor: anchorOf(doc) } : {}), ...(note ? { note } : {}) };
  };

  const documentPlan = (doc: PackDocument): DocumentPlan => {
    const anchor = anchorOf(doc);
    if (stub(doc)) {
      const text = fill(labels.withheldStub, { title: doc.title, reason: doc.reason ?? '', edition: editionName.toLowerCase() });
      const body: Root = { type: 'root', children: [{ type: 'paragraph', children: [{ type: 'text', value: text }] }] };
      return { id: doc.id, anchor, title: `${oneSpace(doc.title)} (${noteOf(doc)})`, kind: doc.kind, status: doc.status, body, headings: [] };
    }
    const body = documentBody(doc, pack, space);
    sizeImages(body, pack.images, imageRoom, layout.images.resolution);
    const headings = anchorHeadings(body, anchor, avoid);
    const marking = doc.status === 'withheld' ? fill(edition.withheldMarking ?? labels.withheldMarking, { reason: doc.reason ?? '' }) : undefined;
    return { id: doc.id, anchor, title: oneSpace(doc.title), kind: doc.kind, status: doc.status, note: doc.note, ...(marking ? { marking } : {}), body, headings };
  };

  const part = (id: PartPlan['id'], title: string, ids: readonly string[], divider: boolean): PartPlan => ({
    id,
    title,
    anchor: `part-${id}`,
    divider,
    entries: ids.map(reference),
    documents: ids.map((docId) => pack.documents.get(docId)!).filter(paged).map(documentPlan),
  });

  // A label naming the body reads "Questions for the {body}:" only when meeting.yaml names one.
  const questions = meeting.body || !labels.questions.includes('{body}') ? fill(labels.questions, { body: meeting.body ?? '' }) : labels.questionsUnnamed;
  const when = (session: PackSession) => sessionWhen(session, dates.day);
  const agendas = pack.sessions.map((session): AgendaPlan => {
    // An agenda whose items have no times at all numbers them instead.
    const numbered = session.items.every((item) => item.time === undefined);
    const entries = agendaLines(session).map((line): AgendaEntryPlan => {
      if (line.kind === 'note') {
        const note = session.notes[line.index]!;
        return { kind: 'note', ...(note.time ? { time: note.time } : {}), marker: note.time ?? '', text: printableCopy(note.text) };
      }
      const item = session.items[line.index]!;
      const marker = item.time === undefined ? (numbered ? fill(labels.agendaNumber, { number: String(line.index + 1) }) : '') : item.end === undefined ? item.time : `${item.time}–${item.end}`;
      return {
        kind: 'item',
        ...(item.time ? { time: item.time } : {}),
        ...(item.end ? { end: item.end } : {}),
        marker,
        title: oneSpace(item.title),
        ...(item.remarks ? { remarks: printableCopy(item.remarks) } : {}),
        description: item.description ? printableCopy(item.description) : { type: 'root', children: [] },
        questions: item.questions.map(printableCopy),
        people: item.people.map((p) => p.name),
        papers: item.papers.map(reference),
      };
    });
    const column = numbered ? (layout.agenda.numberColumn ?? layout.agenda.timeColumn) : layout.agenda.timeColumn;
    return { anchor: `agenda-${session.id}`, title: fill(labels.agenda, { session: session.title }), when: when(session), location: session.location, questions, column, entries };
  });

  const parts = [part('papers', labels.papers, pack.papers, false)];
  if (meeting.annex && pack.annex.length > 0) parts.push(part('annex', meeting.annex.title, pack.annex, true));

  const editionLine = edition.audience === 'restricted' ? fill(labels.restrictedEdition, { label: edition.label }) : editionName;

  return arrangePlan({
    pack: meeting.pack,
    title: meeting.title,
    shortTitle: meeting.short_title,
    organisation: meeting.organisation,
    series: meeting.series,
    language: layout.language,
    edition: editionPlan(edition, editionName, draft ? labels.draft : undefined, labels.footer),
    date,
    cover: {
      ...(logo ? { logo: { ...logoSize(logo, layout.sizes.logo ?? DEFAULT_LOGO_HEIGHT, textWidth), alt: meeting.organisation } } : {}),
      organisation: meeting.organisation,
      title: oneSpace(meeting.title),
      // The cover says each thing once: a series that only repeats the organisation (or its initials) and the title is left out…
      ...(repeats(meeting.series, [meeting.organisation, meeting.title]) ? {} : { series: meeting.series }),
      venue: meeting.venue,
      dates: dates.range(meeting.dates.start, meeting.dates.end),
      // …sessions that all meet in one place leave it to their agendas, and a meeting of more sessions than a cover holds leaves them to the contents…
      sessions: pack.sessions.length > COVER_SESSIONS ? [] : pack.sessions.map((s) => ({ title: s.title, when: when(s), ...(new Set(pack.sessions.map((o) => o.location)).size > 1 ? { location: s.location } : {}) })),
      // …and a marking that only repeats the edition's name (`PUBLIC` under `Public edition`) is left out. A restricted edition's cover names its audience whatever its marking says.
      edition: editionLine,
      ...(repeats(edition.marking, [editionLine]) ? {} : { marking: edition.marking }),
      version: fill(labels.version, { date: dates.long(date) }),
    },
    agendas,
    parts,
    breaks: { rowLines: 6, splitLines: 2 },
    labels: { contents: labels.contents, backgroundPapers: labels.backgroundPapers, notes: labels.notes, pageReference: labels.pageReference, page: labels.page, continued: labels.continued },
    images: logo ? new Map([...(pack.images ?? []), [LOGO_ASSET, logo]]) : (pack.images ?? new Map()),
  }, runningTitles(layout, fonts, meeting.short_title));
}

/**
 * The most sessions a cover lists, each with its title, time and perhaps place: with the title,
 * dates, venue and edition they fill a page of the built-in layout. A meeting of more sessions
 * (a conference of many days) has its dates on the cover and its sessions in the contents.
 */
export const COVER_SESSIONS = 8;

/** Shortens a section's title to fit the running head's right, in italics, beside the short title. */
export function runningTitles(layout: Layout, fonts: FontFiles, shortTitle: string): RunningTitle {
  const measure = fontMeasure(fonts);
  const small = layout.sizes.small;
  const textWidth = PAGE_SIZES[layout.page.size].width - layout.page.margins.left - layout.page.margins.right;
  const room = textWidth - measure.width(shortTitle, 'regular', small) - small * 2;
  const width = (value: string) => measure.width(value, 'italic', small);
  return (title, suffix = '') => shorten(oneSpace(title), room - width(suffix), width) + suffix;
}

/** A running title for `title`, with `suffix` (e.g. a revision mark) kept whole after it. */
export type RunningTitle = (title: string, suffix?: string) => string;

/**
 * The plan's sections and contents lines, from its agendas, parts and changes page; planned
 * again whenever those change (a changes page, revision marks, a supplement's selection).
 * A revised paper's mark follows its title in its running head and its contents line.
 */
export function arrangePlan(plan: Omit<PackPlan, 'sections' | 'contents'>, running: RunningTitle): PackPlan {
  const sections: SectionPlan[] = [
    { kind: 'cover', furniture: false },
    { kind: 'contents', anchor: CONTENTS_ANCHOR, running: running(plan.labels.contents), furniture: true },
    ...(plan.changes ? [{ kind: 'changes', anchor: plan.changes.anchor, running: running(plan.changes.title), furniture: true } satisfies SectionPlan] : []),
    ...plan.agendas.map((agenda): SectionPlan => ({ kind: 'agenda', anchor: agenda.anchor, running: running(agenda.title), furniture: true })),
    ...plan.parts.flatMap((p): SectionPlan[] => [
      ...(p.divider ? [{ kind: 'divider', anchor: p.anchor, running: running(p.title), furniture: true } satisfies SectionPlan] : []),
      ...p.documents.map((doc): SectionPlan => ({ kind: 'document', anchor: doc.anchor, running: running(doc.title, doc.revised ? ` · ${doc.revised}` : ''), ...(doc.marking ? { banner: doc.marking } : {}), furniture: true })),
    ]),
  ];
  const contents: ContentsLine[] = [
    ...(plan.changes ? [{ kind: 'changes', title: plan.changes.title, anchor: plan.changes.anchor } satisfies ContentsLine] : []),
    ...plan.agendas.map((agenda): ContentsLine => ({ kind: 'agenda', title: agenda.title, anchor: agenda.anchor })),
    ...plan.parts.flatMap((p): ContentsLine[] => [
      // A part without a page of its own (no divider, no printed document) is listed without a number.
      { kind: 'part', title: p.title, ...(p.documents.length > 0 || p.divider ? { anchor: p.anchor } : {}) },
      ...p.entries.map((ref): ContentsLine => {
        const note = [ref.note, ref.revised].filter(Boolean).join('; ');
        return { kind: 'paper', title: ref.title, ...(ref.anchor ? { anchor: ref.anchor } : {}), ...(note ? { note } : {}), ...(ref.restricted ? { restricted: ref.restricted } : {}) };
      }),
    ]),
  ];
  return { ...plan, contents, sections };
}

/**
 * When a session is: its day and times as far as the source gives them; a session that crosses
 * midnight names the day it ends on too.
 */
function sessionWhen(session: PackSession, day: (iso: string) => string): string {
  const { date, start, end } = session;
  if (start === undefined) return day(date);
  if (end === undefined) return `${day(date)}, ${start}`;
  if (overnight(session)) return `${day(date)}, ${start} – ${day(nextDay(date))}, ${end}`;
  return `${day(date)}, ${start}–${end}`;
}

/** The height of a logo when the layout sets none (the built-in layout does). */
const DEFAULT_LOGO_HEIGHT = 48;

/** The logo at the layout's height, or narrower when it would be wider than the text. */
function logoSize(logo: PackImage, height: number, textWidth: number): { asset: string; width: number; height: number } {
  const scale = Math.min(height / logo.height, textWidth / logo.width);
  return { asset: LOGO_ASSET, width: logo.width * scale, height: logo.height * scale };
}

function editionPlan(edition: Edition, name: string, draft: string | undefined, footer: string): EditionPlan {
  const watermark = [draft, edition.watermark].filter(Boolean).join(' · ');
  return { id: edition.id, audience: edition.audience, label: edition.label, marking: edition.marking, footer: fill(footer, { edition: name, marking: edition.marking }), ...(watermark ? { watermark } : {}) };
}

/**
 * What of a Markdown tree is printed: front matter and raw HTML (editors' `<!-- comments -->`,
 * pasted markup) are not. `check` reports raw HTML so that nothing meant for the reader is lost.
 */
function printable(root: Root): Root {
  const tree: Root = { type: 'root', children: root.children.filter((n) => n.type !== 'yaml') };
  visit(tree, 'html', (_, index, parent) => {
    if (!parent || index === undefined) return undefined;
    parent.children.splice(index, 1);
    return [SKIP, index];
  });
  oneSpaced(tree);
  decideLinks(tree);
  return tree;
}

/** A printable copy: the pack's trees are planned again for the next edition, so planning never edits them. */
const printableCopy = (root: Root): Root => printable(structuredClone(root));

/** The body a document prints: biographies expanded, tables as `packTable`, headings from depth 2. */
function documentBody(doc: PackDocument, pack: Pack, space: TableSpace): Root {
  // A copy: planning shifts headings, anchors them and rewrites links, and the pack it reads
  // (biographies included) is planned again for the next edition.
  const children: RootContent[] = structuredClone([...doc.body.children, ...(doc.people ? peopleBlocks(doc.people, 2) : [])]);
  const body = printable({ type: 'root', children });

  // Headings start at depth 2 under the document's title, keeping their relative levels.
  let top = 6;
  visit(body, 'heading', (h: Heading) => void (top = Math.min(top, h.depth)));
  const shift = Math.max(0, 2 - top);
  visit(body, (node, index, parent) => {
    if (node.type === 'heading') node.depth = Math.min(6, node.depth + shift) as Heading['depth'];
    if (!parent || index === undefined) return;
    if (node.type === 'table') {
      parent.children[index] = markdownTable(node, space) as never;
      return SKIP;
    }
    if (node.type === 'leafDirective' && node.name === 'table') {
      const { data: id, ...attributes } = node.attributes ?? {};
      const data = pack.data.get(id ?? '')!;
      const table = dataTable(data, attributes as Record<string, string>, space);
      // A caption that only repeats the paper's title or its section's heading would be read twice.
      const section = parent.children.slice(0, index).findLast((n) => n.type === 'heading');
      const { caption, ...uncaptioned } = table;
      const repeats = [doc.title, section ? toString(section) : undefined].some((text) => text !== undefined && same(text, caption ?? ''));
      parent.children[index] = (repeats ? uncaptioned : table) as never;
      return SKIP;
    }
    return undefined;
  });
  return body;
}

/**
 * Every word of `text` is a word of `others` (or one of its forms: `public` for `publique`), or the
 * initials of one of them (`OGP` for `Open Government Partnership`).
 */
export function repeats(text: string, others: readonly string[]): boolean {
  const words = (value: string) => value.toLocaleLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const known = others.flatMap(words);
  const initials = new Set(others.map((other) => words(other).map((w) => w[0]).join('')));
  // Forms of one word share all but the last letter of the shorter one, and at least four.
  const form = (a: string, b: string) => {
    let common = 0;
    while (common < a.length && a[common] === b[common]) common++;
    return a === b || common >= Math.max(4, Math.min(a.length, b.length) - 1);
  };
  return words(text).every((word) => initials.has(word) || known.some((k) => form(word, k)));
}

/** The most of a page's text height an image may take. */
const IMAGE_PAGE_SHARE = 0.8;

/** Gives every image of a body its printed size: at `resolution` pixels per inch, within `room`. */
function sizeImages(body: Root, images: ReadonlyMap<string, PackImage> | undefined, room: { width: number; height: number }, resolution: number): void {
  visit(body, 'image', (node) => {
    const image = node.data?.asset === undefined ? undefined : images?.get(node.data.asset);
    if (!image) return;
    const scale = Math.min(72 / resolution, room.width / image.width, room.height / image.height);
    node.data = { ...node.data, size: { width: image.width * scale, height: image.height * scale } };
  });
}

/** Two titles read the same: equal but for case, spacing and punctuation. */
const same = (a: string, b: string) => {
  const words = (text: string) => text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean).join(' ');
  return words(a) === words(b);
};

function peopleBlocks(sections: readonly PeopleSection[], depth: number): BlockContent[] {
  return sections.flatMap((section): BlockContent[] => [
    { type: 'heading', depth: Math.min(6, depth) as Heading['depth'], children: [{ type: 'text', value: section.heading }] },
    ...section.people.flatMap((person) => biographyBlocks(person, depth + 1)),
    ...peopleBlocks(section.sections, depth + 1),
  ]);
}

/**
 * A biography under a heading with the person's name, and their role and organisation where
 * given, so that no biography is anonymous; its text is printed as written.
 */
function biographyBlocks(person: PackPerson, depth: number): BlockContent[] {
  const affiliation = [person.role, person.organisation].filter(Boolean).join(', ');
  return [
    { type: 'heading', depth: Math.min(6, depth) as Heading['depth'], children: [{ type: 'text', value: person.name }] },
    ...(affiliation ? [{ type: 'paragraph', children: [{ type: 'emphasis', children: [{ type: 'text', value: affiliation }] }] } satisfies BlockContent] : []),
    ...person.biography.children.filter((n): n is BlockContent => n.type !== 'yaml' && n.type !== 'definition'),
  ];
}

/**
 * Gives every heading a pack-unique anchor, lists those to depth 3 for the outline and contents,
 * and points the document's `#slug` links (slugs as GitHub makes them) at those anchors. A link to
 * a heading the document lacks is printed as its text; `check` reports it.
 */
function anchorHeadings(body: Root, documentAnchor: string, avoid: readonly string[]): DocumentPlan['headings'] {
  const slugger = new GithubSlugger();
  const headings: DocumentPlan['headings'] = [];
  const anchors = new Map<string, string>();
  let count = 0;
  visit(body, 'heading', (heading: Heading) => {
    const text = toString(heading);
    const slug = slugger.slug(text);
    count++;
    // A heading named like a withheld paper ("Country updates") must not spell its id in a public destination.
    const safe = avoid.some((id) => containsId(slug, id)) ? slugger.slug(`section ${count}`) : slug;
    const anchor = `${documentAnchor}--${safe || 'section'}`;
    anchors.set(slug, anchor);
    heading.data = { ...heading.data, anchor } as Heading['data'];
    if (heading.depth === 2 || heading.depth === 3) headings.push({ depth: heading.depth, text, anchor });
  });
  visit(body, 'link', (link: Link, index, parent) => {
    if (!link.url.startsWith('#')) return undefined;
    const anchor = anchors.get(decodeFragment(link.url.slice(1)));
    if (anchor) {
      link.url = `#${anchor}`;
      return undefined;
    }
    if (!parent || index === undefined) return undefined;
    parent.children.splice(index, 1, ...link.children);
    return [SKIP, index];
  });
  return headings;
}

/** Dates as the pack writes them in `language`: `26 October 2015`, `Monday 26 October 2015`, `26–27 October 2015`. */
export function dateFormats(language: string) {
  const utc = (iso: string) => new Date(`${iso}T00:00:00Z`);
  const dayMonthYear = new Intl.DateTimeFormat(language, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  const weekday = new Intl.DateTimeFormat(language, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  return {
    long: (date: Date) => dayMonthYear.format(date),
    day: (iso: string) => weekday.format(utc(iso)).replace(',', ''),
    range: (start: string, end: string) => dayMonthYear.formatRange(utc(start), utc(end)),
  };
}
