import { closest, distance } from 'fastest-levenshtein';
import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { byCodePoint, diagnostic, type Diagnostic, type Severity } from '../diagnostics/diagnostic.js';
import type { DataSource, Meeting, Pack, PackDocument, PackPerson, PackSession, Paper, PeopleSection, Session, WorkingGroupSheet } from '../model/pack.js';
import type { Group, PeopleGroup } from '../model/sources.generated.js';
import { audienceProblems } from '../editions/audience.js';
import { DEFAULT_EDITIONS, edition, type Edition } from '../editions/editions.js';
import { locate } from '../validate/locate.js';
import { itemEnds } from './agenda.js';
import { markdownField } from './markdown-field.js';
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
  table: {},
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
  const dataSources = resolution.index(validated.data, 'data');
  for (const located of dataSources.values()) checkData(resolution, located);
  const data = new Map([...dataSources].map(([id, located]) => [id, located.value]));
  const peopleSources = resolution.index(validated.people, 'person');
  const people = new Map([...peopleSources].map(([id, { value, source }]) => [id, { ...value, biography: bodyOf(source.markdown), file: source.file }]));
  const groups = declaredGroups(resolution, validated.papers);
  for (const located of peopleSources.values()) {
    if (located.value.group !== undefined) checkGroup(resolution, groups, located.value.group, located, ['group']);
  }

  // Biographies are printed inside papers, so their directives are held to the papers' rules (found by the fuzzer).
  for (const person of people.values()) checkTables(resolution, person.file, person.biography, data);

  const meeting = validated.meeting;
  const packDocuments = new Map([...documents].map(([id, located]) => [id, resolveDocument(resolution, located, people, groups, data, meeting)]));
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

/**
 * The meeting's editions, or the defaults; two editions may not share an id or a file name suffix,
 * and each must agree with its audience (`audienceProblems`).
 */
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
  declared.forEach((source, i) => {
    for (const problem of audienceProblems(source)) resolution.report(meeting, ['editions', i, problem.key], problem.rule, problem.message, problem.severity);
  });
  return editions;
}

function resolveDocument(
  resolution: Resolution,
  located: Located<Paper | WorkingGroupSheet>,
  people: ReadonlyMap<string, PackPerson>,
  groups: DeclaredGroups,
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
    document.people = value.people.map((group, i) => peopleSection(resolution, located, group, ['people', i], {}, people, groups));
  } else if (value.groups) {
    document.people = value.groups.map((group, i) => groupSection(resolution, located, group, ['groups', i], people));
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
  groups: DeclaredGroups,
): PeopleSection {
  if (group.group !== undefined) checkGroup(resolution, groups, group.group, paper, [...path, 'group']);
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
    sections: (group.groups ?? []).map((sub, k) => peopleSection(resolution, paper, sub, [...path, 'groups', k], expected, people, groups)),
  };
}

/** The groups of people the papers declare (`groups`), by id, and the undeclared 2015 groups already reported. */
interface DeclaredGroups {
  byId: ReadonlyMap<string, Group & { file: string }>;
  warned: Set<string>;
}

/** The 2015 pack's groups, which still build undeclared (with a warning) so that older packs keep building. */
const LEGACY_GROUPS: Readonly<Record<string, string>> = { founding: 'Founding members', new: 'New members' };

function declaredGroups(resolution: Resolution, papers: readonly Located<Paper>[]): DeclaredGroups {
  const groups = new Map<string, Group & { file: string }>();
  for (const paper of papers) {
    (paper.value.groups ?? []).forEach((group, i) => {
      const first = groups.get(group.id);
      if (first) resolution.report(paper, ['groups', i, 'id'], 'duplicate-id', `Duplicate group id "${group.id}": ${first.file} already declares it. Declare each group once.`);
      else groups.set(group.id, { ...group, file: paper.source.file });
    });
  }
  return { byId: groups, warned: new Set() };
}

/** A group named by a person or a biography section must be declared; the 2015 pack's two are a warning. */
function checkGroup(resolution: Resolution, groups: DeclaredGroups, id: string, at: Located<unknown>, path: Path) {
  if (groups.byId.has(id)) return;
  if (groups.byId.size === 0 && Object.hasOwn(LEGACY_GROUPS, id)) {
    // Once per group, at its first use: the fix is one declaration, not one per person.
    if (groups.warned.has(id)) return;
    groups.warned.add(id);
    const example = Object.entries(LEGACY_GROUPS).map(([gid, title]) => `{id: ${gid}, title: ${title}}`).join(', ');
    resolution.report(at, path, 'declared-groups', `\`group: ${id}\` names a group no paper declares. Declare the pack's groups in the paper of biographies, e.g. \`groups: [${example}]\`.`, 'warning');
    return;
  }
  const known = suggest(id, groups.byId.keys());
  resolution.report(at, path, 'unknown-reference', `Unknown group "${id}": no paper declares it. Add \`{id: ${id}, title: …}\` to the \`groups\` of the paper of biographies.${known}`);
}

/** A declared group's biographies: the people it lists, or else everyone whose `group` it is, by id. */
function groupSection(resolution: Resolution, paper: Located<unknown>, group: Group, path: Path, people: ReadonlyMap<string, PackPerson>): PeopleSection {
  const members = group.people
    ? group.people.flatMap((id, j) => {
        const person = resolution.reference('person', people, id, paper, [...path, 'people', j]);
        if (person && person.group !== group.id) {
          resolution.report(paper, [...path, 'people', j], 'biography-group', `${person.name} is listed under "${group.title}", but ${person.file} says \`group: ${person.group ?? '(none)'}\`.`);
        }
        return person ? [person] : [];
      })
    : [...people.values()].filter((person) => person.group === group.id).sort((a, b) => byCodePoint(a.id, b.id));
  // A member the group's own list leaves out would never be printed.
  for (const person of people.values()) {
    if (group.people && person.group === group.id && !group.people.includes(person.id)) {
      resolution.report(paper, [...path, 'people'], 'biography-group', `${person.file} says \`group: ${group.id}\`, but "${group.title}" does not list ${person.name}, so the biography would not be printed. Add "${person.id}" to the group's \`people\`.`);
    }
  }
  return { heading: group.title, people: members, sections: [] };
}

/** The 2015 pack's table kinds that `kind: table` now expresses; they still build, with a warning. */
const LEGACY_TABLE_KINDS: ReadonlySet<DataSource['kind']> = new Set(['then-and-now', 'implementation-plan', 'working-group-help']);

/** A general table's cells name its columns; an older table kind names the general one. */
function checkData(resolution: Resolution, located: Located<DataSource>) {
  const data = located.value;
  if (LEGACY_TABLE_KINDS.has(data.kind)) {
    resolution.report(located, ['kind'], 'data-kind', `\`kind: ${data.kind}\` is one of the 2015 pack's table kinds. Write the table as \`kind: table\`, with \`columns\` (id, label), \`rows\` or \`groups\`, and a \`caption\` and \`notes\` if it has them.`, 'warning');
  }
  if (data.kind !== 'table') return;
  const columns = new Set<string>();
  data.columns.forEach((column, i) => {
    if (columns.has(column.id)) resolution.report(located, ['columns', i, 'id'], 'table-column', `Two columns have the id "${column.id}". Give each column its own id.`);
    columns.add(column.id);
  });
  const checkRow = (row: Record<string, unknown>, path: Path) => {
    for (const key of Object.keys(row)) {
      if (!columns.has(key)) resolution.report(located, [...path, key], 'table-column', `The row names a column "${key}" that \`columns\` does not declare.${suggest(key, columns)} Cells are keyed by column id: ${[...columns].join(', ')}.`);
    }
  };
  (data.rows ?? []).forEach((row, j) => checkRow(row, ['rows', j]));
  (data.groups ?? []).forEach((group, g) => group.rows.forEach((row, j) => checkRow(row, ['groups', g, 'rows', j])));
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

/** A session with its references checked, its Markdown parsed and each item's end time. */
function resolveSession(resolution: Resolution, located: Located<Session>, documents: ReadonlyMap<string, PackDocument>, people: ReadonlyMap<string, PackPerson>): PackSession {
  const { items, notes = [], ...session } = located.value;
  const markdown = (path: Path, value: string) => markdownField(located.source, path, value);
  const ends = itemEnds(located.value);
  return {
    ...session,
    file: located.source.file,
    notes: notes.map((note, j) => ({ ...(note.time === undefined ? {} : { time: note.time }), text: markdown(['notes', j, 'text'], note.text) })),
    items: items.map(({ remarks, description, questions = [], ...item }, j) => ({
      ...item,
      ...(ends[j] === undefined ? {} : { end: ends[j] }),
      ...(remarks === undefined ? {} : { remarks: markdown(['items', j, 'remarks'], remarks) }),
      ...(description === undefined ? {} : { description: markdown(['items', j, 'description'], description) }),
      questions: questions.map((question, k) => markdown(['items', j, 'questions', k], question)),
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
