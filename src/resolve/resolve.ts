import { closest, distance } from 'fastest-levenshtein';
import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { byCodePoint, diagnostic, type Diagnostic, type Severity } from '../diagnostics/diagnostic.js';
import type { DataSource, Meeting, Pack, PackDocument, PackPerson, PackSession, Paper, PeopleSection, Session, WorkingGroupSheet } from '../model/pack.js';
import type { PeopleGroup } from '../model/sources.generated.js';
import { DEFAULT_EDITIONS, edition, type Edition } from '../editions/editions.js';
import { locate } from '../validate/locate.js';
import type { Located, Validated } from '../validate/validate.js';

type IdSpace = keyof Validated['rejected'];

/** How messages name each id space and where its files live. */
const SPACES: Record<IdSpace, { noun: string; where: string }> = {
  session: { noun: 'session', where: 'sessions/' },
  document: { noun: 'paper', where: 'papers/ or working-groups/' },
  person: { noun: 'person', where: 'people/' },
  data: { noun: 'data', where: 'data/' },
};

/** What each data kind accepts as `::table{…}` attributes besides `data`. */
export const TABLE_ATTRIBUTES: Record<DataSource['kind'], Record<string, readonly string[]>> = {
  'peer-exchange': { status: ['complete-ongoing', 'planned'] },
  'then-and-now': {},
  'implementation-plan': {},
  'working-group-help': {},
};

type Path = (string | number)[];

class Resolution {
  readonly diagnostics: Diagnostic[] = [];

  constructor(private readonly rejected: Validated['rejected']) {}

  /** Reports at a YAML node of a source. */
  report(at: Located<unknown>, path: Path, rule: string, message: string, severity: Severity = 'error') {
    this.diagnostics.push(diagnostic({ file: at.source.file, span: locate(at.source.yaml, path), rule, severity, message }));
  }

  /** Indexes sources by id, reporting every id after its first use. */
  index<T extends { id: string }>(entries: Located<T>[], space: IdSpace): Map<string, Located<T>> {
    const byId = new Map<string, Located<T>>();
    for (const entry of entries) {
      const first = byId.get(entry.value.id);
      const { noun } = SPACES[space];
      if (first) this.report(entry, ['id'], 'duplicate-id', `Duplicate ${noun} id "${entry.value.id}": ${first.source.file} already uses it. Give each ${noun} its own id.`);
      else byId.set(entry.value.id, entry);
    }
    return byId;
  }

  /**
   * Looks up a reference. When nothing has the id, `complain` gets a message, unless a source
   * with that id exists but failed to load, which has been reported already.
   */
  lookup<T>(space: IdSpace, byId: ReadonlyMap<string, T>, id: string, complain: (message: string) => void): T | undefined {
    const found = byId.get(id);
    if (found === undefined && !this.rejected[space].has(id)) {
      complain(`Unknown ${SPACES[space].noun} "${id}": no file in ${SPACES[space].where} has this id.${suggest(id, byId.keys())}`);
    }
    return found;
  }

  /** Looks up a reference held in a YAML node, reporting an unknown id at that node. */
  reference<T>(space: IdSpace, byId: ReadonlyMap<string, T>, id: string, at: Located<unknown>, path: Path): T | undefined {
    return this.lookup(space, byId, id, (message) => this.report(at, path, 'unknown-reference', message));
  }
}

/**
 * Builds the pack model from validated sources: every id unique, every reference landing
 * (meeting → sessions, agenda → papers and people, biographies → people, `::table` → data),
 * and the papers and the annex in order. References are checked even when meeting.yaml is
 * unusable, so one broken file does not hide the problems of the others.
 */
export function resolvePack(validated: Validated): { pack?: Pack; diagnostics: Diagnostic[] } {
  const resolution = new Resolution(validated.rejected);
  const sessions = resolution.index(validated.sessions, 'session');
  const documents = resolution.index<Paper | WorkingGroupSheet>([...validated.papers, ...validated.workingGroups], 'document');
  const data = new Map([...resolution.index(validated.data, 'data')].map(([id, located]) => [id, located.value]));
  const people = new Map(
    [...resolution.index(validated.people, 'person')].map(([id, { value, source }]) => [id, { ...value, biography: bodyOf(source.markdown), file: source.file }]),
  );

  // Biographies are printed inside papers, so their directives are held to the papers' rules (found by the fuzzer).
  for (const person of people.values()) checkTables(resolution, person.file, person.biography, data);

  const meeting = validated.meeting;
  const packDocuments = new Map([...documents].map(([id, located]) => [id, resolveDocument(resolution, located, people, data, meeting)]));
  const packSessions = new Map([...sessions].map(([id, located]) => [id, resolveSession(resolution, located, packDocuments, people)]));
  if (!meeting) return { diagnostics: resolution.diagnostics };

  const ordered = meeting.value.sessions.flatMap((id, i) => {
    const session = resolution.reference('session', packSessions, id, meeting, ['sessions', i]);
    return session ? [session] : [];
  });
  for (const [id, located] of sessions) {
    if (!meeting.value.sessions.includes(id)) {
      resolution.report(located, ['id'], 'unlisted-session', `Session "${id}" is not listed under \`sessions\` in meeting.yaml, so the pack leaves it out.`, 'warning');
    }
  }

  const pack: Pack = { meeting: meeting.value, editions: resolveEditions(resolution, meeting), sessions: ordered, documents: packDocuments, ...orderParts(resolution, documents, ordered), data };
  return { pack, diagnostics: resolution.diagnostics };
}

/** The meeting's editions, or the defaults; two editions may not share an id or a file name suffix. */
function resolveEditions(resolution: Resolution, meeting: Located<Meeting>): Edition[] {
  const declared = meeting.value.editions;
  const editions = (declared ?? DEFAULT_EDITIONS).map(edition);
  if (!declared) return editions;
  const seen = { id: new Map<string, number>(), suffix: new Map<string, number>() };
  editions.forEach((e, i) => {
    for (const key of ['id', 'suffix'] as const) {
      const first = seen[key].get(e[key]);
      if (first === undefined) seen[key].set(e[key], i);
      else resolution.report(meeting, ['editions', i, key in declared[i]! ? key : 'id'], 'duplicate-id', `Editions ${first + 1} and ${i + 1} share the ${key === 'id' ? 'id' : 'file name suffix'} "${e[key]}", so one would overwrite the other's outputs. Give each edition its own.`);
    }
  });
  return editions;
}

function resolveDocument(
  resolution: Resolution,
  located: Located<Paper | WorkingGroupSheet>,
  people: ReadonlyMap<string, PackPerson>,
  data: ReadonlyMap<string, DataSource>,
  meeting: Located<Meeting> | undefined,
): PackDocument {
  const { value, source } = located;
  const document: PackDocument = {
    kind: 'acronym' in value ? 'working-group' : 'paper',
    id: value.id,
    title: value.title,
    status: value.status,
    reason: value.reason,
    publicTitle: value.public_title,
    canaries: value.canary === undefined ? [] : [value.canary].flat(),
    note: value.note,
    date: value.date,
    authors: value.authors ?? [],
    part: value.part ?? 'papers',
    body: bodyOf(source.markdown),
    file: source.file,
  };
  if ('acronym' in value) {
    document.workingGroup = { acronym: value.acronym, name: value.name, co_anchors: value.co_anchors, contacts: value.contacts };
  } else if (value.people) {
    document.people = value.people.map((group, i) => peopleSection(resolution, located, group, ['people', i], {}, people));
  }
  if (document.part === 'annex' && meeting && !meeting.value.annex) {
    resolution.report(located, ['part'], 'annex', `"${value.id}" belongs to the annex, but meeting.yaml declares no annex. Add \`annex: {title: …}\` to meeting.yaml or move the document to the papers part.`);
  }
  checkTables(resolution, source.file, document.body, data);
  return document;
}

/** One group of biographies, checking each person's `attending` and `group` against the group's. */
function peopleSection(
  resolution: Resolution,
  paper: Located<unknown>,
  group: PeopleGroup,
  path: Path,
  inherited: { attending?: boolean; group?: string },
  people: ReadonlyMap<string, PackPerson>,
): PeopleSection {
  const expected = { attending: group.attending ?? inherited.attending, group: group.group ?? inherited.group };
  const members = (group.people ?? []).flatMap((id, j) => {
    const person = resolution.reference('person', people, id, paper, [...path, 'people', j]);
    if (!person) return [];
    for (const field of ['attending', 'group'] as const) {
      if (expected[field] !== undefined && person[field] !== expected[field]) {
        resolution.report(paper, [...path, 'people', j], 'biography-group', `${person.name} is listed under "${group.heading}", but ${person.file} says \`${field}: ${person[field]}\`.`);
      }
    }
    return [person];
  });
  return {
    heading: group.heading,
    people: members,
    sections: (group.groups ?? []).map((sub, k) => peopleSection(resolution, paper, sub, [...path, 'groups', k], expected, people)),
  };
}

/** Every directive must be a top-level `::table` naming known data, with the attributes its kind takes. */
function checkTables(resolution: Resolution, file: string, body: Root, data: ReadonlyMap<string, DataSource>) {
  visit(body, (node, _, parent) => {
    if (node.type !== 'leafDirective' && node.type !== 'containerDirective' && node.type !== 'textDirective') return;
    const span = node.position ? { start: node.position.start, end: node.position.end } : undefined;
    const problem = (message: string) => resolution.diagnostics.push(diagnostic({ file, span, rule: 'table-directive', message }));
    if (node.name !== 'table' || node.type === 'containerDirective') {
      problem(`Unknown directive "${node.name}": the only directive is \`::table{data="<data id>"}\`, on a line of its own.`);
      return;
    }
    if (node.type === 'textDirective' || parent?.type !== 'root') {
      problem('A table goes on a line of its own at the top level of the paper, written `::table{data="<data id>"}`, not inside a paragraph, list or quote.');
      return;
    }
    const { data: id, ...rest } = node.attributes ?? {};
    if (!id) {
      problem('A `::table` needs `data="<data id>"` naming a file in data/.');
      return;
    }
    const target = resolution.lookup('data', data, id, problem);
    if (!target) return;
    const accepted = new Map(Object.entries(TABLE_ATTRIBUTES[target.kind]));
    for (const [name, value] of Object.entries(rest)) {
      const allowed = accepted.get(name);
      if (!allowed) problem(`\`${name}\` does not apply to ${target.kind} data.`);
      else if (!allowed.includes(value ?? '')) problem(`\`${name}="${value}"\` must be one of: ${allowed.join(', ')}.`);
    }
    for (const [name, allowed] of accepted) {
      if (!Object.hasOwn(rest, name)) problem(`A table of ${target.kind} data needs \`${name}\`, one of: ${allowed.join(', ')}.`);
    }
  });
}

function resolveSession(resolution: Resolution, located: Located<Session>, documents: ReadonlyMap<string, PackDocument>, people: ReadonlyMap<string, PackPerson>): PackSession {
  const { items, ...session } = located.value;
  return {
    ...session,
    items: items.map((item, j) => ({
      ...item,
      papers: (item.papers ?? []).filter((id, k) => resolution.reference('document', documents, id, located, ['items', j, 'papers', k])),
      people: (item.people ?? []).flatMap((id, k) => resolution.reference('person', people, id, located, ['items', j, 'people', k]) ?? []),
    })),
  };
}

/** Background papers in the order the agendas first list them, then any others by `order`; the annex by `order`. */
function orderParts(resolution: Resolution, documents: ReadonlyMap<string, Located<Paper | WorkingGroupSheet>>, sessions: PackSession[]) {
  const orderOf = (id: string) => documents.get(id)!.value.order ?? Number.MAX_SAFE_INTEGER;
  const byOrder = (a: string, b: string) => orderOf(a) - orderOf(b) || byCodePoint(a, b);
  const partOf = (id: string) => documents.get(id)!.value.part ?? 'papers';
  const agendaOrder = [...new Set(sessions.flatMap((s) => s.items.flatMap((item) => item.papers)))];
  const unlisted = [...documents.keys()].filter((id) => !agendaOrder.includes(id));
  const papers = [...agendaOrder, ...unlisted.sort(byOrder)].filter((id) => partOf(id) === 'papers');
  const annex = [...documents.keys()].filter((id) => partOf(id) === 'annex').sort(byOrder);
  annex.forEach((id, i) => {
    const previous = annex[i - 1];
    if (previous !== undefined && orderOf(id) === orderOf(previous)) {
      resolution.report(documents.get(id)!, ['order'], 'annex-order', `"${id}" has the same annex \`order\` (${orderOf(id)}) as "${previous}". Give each annex document its own position.`);
    }
  });
  return { papers, annex };
}

/** The Markdown body without its front matter node. */
function bodyOf(tree: Root | undefined): Root {
  return { type: 'root', children: (tree?.children ?? []).filter((node) => node.type !== 'yaml') };
}

/** ` Did you mean "x"?` for the closest known id, when it is only a typo away. */
function suggest(id: string, known: Iterable<string>): string {
  const candidates = [...known];
  if (candidates.length === 0) return '';
  const best = closest(id, candidates);
  return distance(id, best) <= Math.max(2, Math.floor(id.length / 3)) ? ` Did you mean "${best}"?` : '';
}
