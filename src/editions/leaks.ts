/**
 * The leak gate: what of a withheld paper an edition must not carry (its secrets), how to read a
 * built output into places to search, and the search itself. It checks the outputs as a reader
 * or a program would see them, independently of the edition filter that should have removed
 * everything: every run of words the paper prints, its restricted title and canaries, and its id
 * in names, link targets and file names. Messages never quote a secret, since the log of a public
 * build may be public.
 */
import type { Nodes, Root, RootContent } from 'mdast';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { DataSource, Pack, PackDocument, PackPerson, PeopleSection } from '../model/pack.js';
import { parseMarkdown } from '../load/markdown.js';
import type { Edition } from './editions.js';
import { idForms, idInAnyCase, idOffsets, PhraseIndex, RunIndex, words } from './leaks/words.js';

/** Something of a withheld paper that must not appear in an edition that does not carry it. */
export interface Secret {
  /** How messages name the paper: its public title, never the secret title or id. */
  paper: string;
  /** `text`: a block the paper prints (paragraph, heading, table row, caption, note, biography), searched for by its runs of words. */
  kind: 'title' | 'text' | 'canary' | 'id';
  text: string;
  /** For text: its words as compared, in pieces where an allowed phrase was cut out; `words(text)` when absent. */
  segments?: string[][];
  /** For an id: public ids that contain it (`country-updates-annex`); an occurrence inside one of them is no leak. */
  unless?: string[];
}

/** A piece of an output to search, e.g. `{ place: 'page 3 text', text }`, `{ place: 'outline', text }`. */
export interface Place {
  place: string;
  text: string;
  /** Names, ids, targets and file names: ids are searched only here. */
  names?: boolean;
  /** The whole text of this page (from 1) as a viewer reads it, for the build's check of the text layer. */
  page?: number;
  /** Searched only for secrets no other place of the output shows, e.g. the running text across page breaks. */
  fallback?: boolean;
  /** The source file a place of the model comes from; its findings are reported there rather than at the output. */
  file?: string;
  /** The line of `file` where the place starts. */
  line?: number;
}

/** A phrase of boilerplate that `check.yaml` allows both a public and a withheld paper to print, with the editor's reason. */
export interface AllowedPhrase {
  phrase: string;
  reason: string;
  /** Where check.yaml lists it, for the build log. */
  file: string;
  line: number;
  column: number;
}

/**
 * A public text sharing this many consecutive words with a withheld paper leaks it: the build
 * refuses it and `check` reports an error. Measured on the default pack (docs/decisions.md).
 */
export const RUN_WORDS = 7;
/** Shorter shared runs down to this length are `check` warnings only: they may be common phrases. */
export const NEAR_RUN_WORDS = 5;

export { readOutput } from './leaks/read.js';

/** The secrets of every withheld paper the edition does not carry, from the unfiltered pack. */
export function secretsOf(pack: Pack, edition: Edition, allowed: readonly AllowedPhrase[] = pack.withheldAllowed ?? []): Secret[] {
  if (edition.carries.has('withheld')) return [];
  const documents = [...pack.documents.values()];
  const publicIds = documents.filter((doc) => doc.status !== 'withheld').map((doc) => doc.id);
  const carried = ownRight(pack, edition);
  const allow = new PhraseIndex(allowed.map((a) => ({ words: words(a.phrase), value: a })));
  return documents.filter((doc) => doc.status === 'withheld').flatMap((doc) => documentSecrets(doc, publicIds, { pack, carried, allow }));
}

/** The ids of the withheld papers an edition does not carry: no public anchor or name may spell them. */
export function withheldIds(pack: Pack, edition: Edition): string[] {
  if (edition.carries.has('withheld')) return [];
  return [...pack.documents.values()].filter((doc) => doc.status === 'withheld').map((doc) => doc.id);
}

/** What an edition prints in its own right: biographies and data of the documents it carries in full. */
export interface OwnRight {
  people: Set<string>;
  data: Set<string>;
}

export function ownRight(pack: Pack, edition: Edition): OwnRight {
  const own: OwnRight = { people: new Set(), data: new Set() };
  for (const doc of pack.documents.values()) {
    if (!edition.carries.has(doc.status)) continue;
    for (const person of peopleOf(doc.people ?? [])) own.people.add(person.file);
    for (const table of tableDirectives(doc.body)) own.data.add(table.data);
  }
  return own;
}

/**
 * What of one withheld document must stay out of an edition that does not carry it: its title
 * (when a public title replaces it), canaries, every block of text it prints and its id;
 * `publicIds` are the ids of the other documents, so that one containing this id is not taken
 * for it. Biographies and data tables the edition prints in its own right are not secrets;
 * allowed phrases are cut out of the text.
 */
function documentSecrets(
  doc: PackDocument,
  publicIds: readonly string[] = [],
  { pack, carried, allow }: { pack?: Pack; carried?: OwnRight; allow?: PhraseIndex<AllowedPhrase> } = {},
): Secret[] {
  const paper = doc.publicTitle ?? doc.title;
  // Every edition lists the paper under this title, so its text may repeat it (`This <title> sets out…`) without that being a leak.
  const listed = words(paper);
  const secrets: Secret[] = [];
  const seen = new Set<string>();
  const add = (kind: Secret['kind'], text: string) => {
    const found = words(text);
    const key = `${kind}\0${found.join(' ')}`;
    if (seen.has(key) || found.length === 0) return;
    seen.add(key);
    if (kind !== 'text') return void secrets.push({ paper, kind, text });
    const cut = sharedRuns(found, listed, RUN_WORDS);
    if (allow) for (const { start, end } of allow.places(found)) for (let i = start; i < end; i++) cut[i] = true;
    const segments = pieces(found, cut);
    if (segments.length === 1 && segments[0]!.length === found.length) secrets.push({ paper, kind, text });
    else if (segments.length > 0) secrets.push({ paper, kind, text, segments });
  };
  if (doc.publicTitle !== undefined && !containsPhrase(doc.publicTitle, doc.title)) {
    add('title', doc.title);
    // The committee edition prints the title as a heading, so its runs of words are text too, but
    // not the words it shares with the public title, which every edition prints.
    const segments = pieces(words(doc.title), sharedRuns(words(doc.title), words(doc.publicTitle), 2));
    if (segments.length > 0) secrets.push({ paper, kind: 'text', text: doc.title, segments });
  }
  for (const canary of doc.canaries) add('canary', canary);
  for (const text of printedTexts(doc, pack, carried)) add('text', text);
  const unless = publicIds.filter((id) => idForms(doc.id).some((form) => idForms(id).some((publicForm) => publicForm !== form && idOffsets(publicForm, form).length > 0)));
  secrets.push({ paper, kind: 'id', text: doc.id, ...(unless.length > 0 ? { unless } : {}) });
  return secrets;
}

/** Which words of `found` are in a run of at least `min` words that `other` has too. */
function sharedRuns(found: string[], other: string[], min: number): boolean[] {
  const cut = new Array<boolean>(found.length).fill(false);
  for (let i = 0; i < found.length; i++) {
    for (let j = 0; j < other.length; j++) {
      let k = 0;
      while (i + k < found.length && j + k < other.length && found[i + k] === other[j + k]) k++;
      if (k >= min) for (let m = i; m < i + k; m++) cut[m] = true;
    }
  }
  return cut;
}

/** The words not cut, in pieces. */
function pieces(found: string[], cut: boolean[]): string[][] {
  const segments: string[][] = [];
  let piece: string[] = [];
  found.forEach((word, i) => {
    if (!cut[i]) return void piece.push(word);
    if (piece.length > 0) segments.push(piece);
    piece = [];
  });
  if (piece.length > 0) segments.push(piece);
  return segments;
}

/** The allowed phrases that occur in the text of a withheld paper the edition does not carry: those the build relies on. */
export function allowancesUsed(pack: Pack, edition: Edition): AllowedPhrase[] {
  const allowed = pack.withheldAllowed ?? [];
  if (allowed.length === 0 || edition.carries.has('withheld')) return [];
  const allow = new PhraseIndex(allowed.map((a) => ({ words: words(a.phrase), value: a })));
  const carried = ownRight(pack, edition);
  const used = new Set<AllowedPhrase>();
  for (const doc of pack.documents.values()) {
    if (doc.status !== 'withheld') continue;
    for (const text of printedTexts(doc, pack, carried)) for (const a of allow.find(words(text))) used.add(a);
  }
  return allowed.filter((a) => used.has(a));
}

/** What `check` and `build` say of an allowance an edition relies on, at its line in check.yaml. */
export const allowanceMessage = (edition: Pick<Edition, 'label'>, allowance: AllowedPhrase): string =>
  `The allowed phrase "${allowance.phrase}" is cut out of the text of a withheld paper, so the ${edition.label} edition may print it (reason: ${allowance.reason}).`;

/** The build log's information about each allowance the edition relies on. */
export function allowanceDiagnostics(pack: Pack, edition: Edition): Diagnostic[] {
  return allowancesUsed(pack, edition).map((a) => diagnostic({ file: a.file, span: { start: { line: a.line, column: a.column } }, rule: LEAK_RULE, severity: 'info', message: allowanceMessage(edition, a) }));
}

/** Whether `phrase` occurs in `text` as a whole-word sequence. */
function containsPhrase(text: string, phrase: string): boolean {
  const needle = words(phrase);
  return new PhraseIndex([{ words: needle, value: true }]).find(words(text)).length > 0;
}

/**
 * Every text a document prints, a block at a time: body blocks with headings, table rows, alt
 * text and footnotes; the rows of the data tables it shows; biographies and their headings; its
 * working-group sheet. Biographies and data the edition carries in its own right are left out.
 */
export function printedTexts(doc: PackDocument, pack?: Pack, carried?: OwnRight): string[] {
  const texts = blockTexts(doc.body);
  if (pack) {
    for (const { data: name } of tableDirectives(doc.body)) {
      const data = pack.data.get(name);
      if (data && !carried?.data.has(name)) texts.push(...dataTexts(data));
    }
  }
  const people = (sections: readonly PeopleSection[]): void => {
    for (const section of sections) {
      texts.push(section.heading);
      for (const person of section.people) {
        if (carried?.people.has(person.file)) continue;
        texts.push(person.name, ...[person.role, person.organisation].filter((t): t is string => t !== undefined), ...blockTexts(person.biography));
      }
      people(section.sections);
    }
  };
  people(doc.people ?? []);
  if (doc.workingGroup) {
    const found = { text: [] as string[], names: [] as string[] };
    strings(doc.workingGroup, found);
    texts.push(...found.text, ...found.names);
  }
  return texts;
}

/**
 * The text a data table prints, a row at a time: each record (an activity, a commitment, a
 * stage) as its fields in the file's order, which is the columns' order, and each heading and
 * column label. Read from the data rather than the laid-out table, so that `check` needs no layout.
 */
function dataTexts(data: DataSource): string[] {
  const texts: string[] = [];
  // A cell is Markdown: its printed text, without link targets or markup, is what a reader could copy.
  const printed = (cell: string) => blockTexts(parseMarkdown(cell)).join(' ');
  const flat = (value: unknown): string[] => (typeof value === 'string' ? [printed(value)] : typeof value === 'number' ? [String(value)] : Array.isArray(value) ? value.flatMap(flat) : value && typeof value === 'object' ? Object.values(value).flatMap(flat) : []);
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) for (const item of value) item && typeof item === 'object' && !Array.isArray(item) ? rows(item) : texts.push(...flat(item));
    else if (value && typeof value === 'object') for (const [key, item] of Object.entries(value)) if (key !== 'kind' && key !== 'id') walk(item);
    else texts.push(...flat(value));
  };
  // A record whose fields hold a list of records (a group of rows) is a heading and its rows.
  const rows = (record: object): void => {
    const own = Object.values(record).filter((v) => !(Array.isArray(v) && v.some((x) => x && typeof x === 'object')));
    texts.push(own.flatMap(flat).join(' '));
    for (const v of Object.values(record)) if (Array.isArray(v) && v.some((x) => x && typeof x === 'object')) walk(v);
  };
  walk(data);
  return texts;
}

/** Everyone a paper of biographies lists, in its groups' order. */
export function peopleOf(sections: readonly PeopleSection[]): PackPerson[] {
  return sections.flatMap((section) => [...section.people, ...peopleOf(section.sections)]);
}

/** The `::table{data=…}` directives of a body. */
function tableDirectives(body: Root): { data: string }[] {
  return body.children.flatMap((node) => {
    const data = node.type === 'leafDirective' && node.name === 'table' ? node.attributes?.data : undefined;
    return data ? [{ data }] : [];
  });
}

/** Block types whose inline content is one printed text; a table row's cells are one text, as a reader sees the row. */
const TEXT_BLOCKS = new Set(['paragraph', 'heading', 'tableRow', 'code', 'math']);

/** The printed text of each block of a Markdown tree: paragraphs, headings, table rows, code, image alt text. */
export function blockTexts(node: Nodes): string[] {
  if (TEXT_BLOCKS.has(node.type) || !('children' in node)) {
    const text = printedText(node);
    return text.trim() ? [text] : [];
  }
  return (node.children as RootContent[]).flatMap((child) => blockTexts(child));
}

/** The text a node prints: a hard line break, a table cell's edge and a footnote mark separate words; raw HTML prints nothing. */
function printedText(node: Nodes): string {
  switch (node.type) {
    case 'html':
    case 'yaml':
    case 'definition':
      return '';
    case 'break':
    case 'footnoteReference':
      return ' ';
    case 'image':
    case 'imageReference':
      return ` ${node.alt ?? ''} ${'title' in node && node.title ? node.title : ''} `;
    case 'tableCell':
      return ` ${node.children.map(printedText).join('')} `;
    case 'leafDirective':
      return '';
  }
  if ('value' in node && typeof node.value === 'string') return node.value;
  if ('children' in node) return (node.children as Nodes[]).map(printedText).join(node.type === 'tableRow' || node.type === 'list' || node.type === 'listItem' ? ' ' : '');
  return '';
}

const KIND: Record<Secret['kind'], string> = { title: 'the title', text: 'text', canary: 'the canary', id: 'the id' };

interface Matchers {
  runs: RunIndex<Secret>;
  phrases: PhraseIndex<Secret>;
  ids: Secret[];
}

// Built once per list of secrets: a build searches every output of an edition with the same list.
const matchersOf = new WeakMap<readonly Secret[], Matchers>();
function matchers(secrets: readonly Secret[]): Matchers {
  let found = matchersOf.get(secrets);
  if (found) return found;
  const runs = new RunIndex<Secret>(RUN_WORDS);
  for (const secret of secrets) if (secret.kind === 'text') for (const segment of secret.segments ?? [words(secret.text)]) runs.add(segment, secret);
  const phrases = new PhraseIndex(secrets.filter((s) => s.kind === 'title' || s.kind === 'canary').map((secret) => ({ words: words(secret.text), value: secret })));
  found = { runs, phrases, ids: secrets.filter((s) => s.kind === 'id') };
  matchersOf.set(secrets, found);
  return found;
}

/** The secrets a text shows: runs of text secrets, whole titles and canaries, and (in names) ids. */
export function secretsIn(text: string, secrets: readonly Secret[], names = false): Secret[] {
  const { runs, phrases, ids } = matchers(secrets);
  const found = words(text);
  return [...new Set([...phrases.find(found), ...runs.hits(found).flatMap((hit) => hit.values), ...(names ? ids.filter((id) => containsId(text, id)) : [])])];
}

/**
 * Searches the places of one output for the secrets. One error per place, paper and kind, named
 * by the paper's public title; the secret itself is never quoted.
 */
export function findLeaks(output: string, places: readonly Place[], secrets: readonly Secret[], edition?: Pick<Edition, 'label'>): Diagnostic[] {
  const foundBy = (place: Place): Secret[] => secretsIn(place.text, secrets, place.names);

  const seenElsewhere = new Set<Secret>();
  const hits: { place: Place; secrets: Secret[] }[] = [];
  for (const place of places.filter((p) => !p.fallback)) {
    const found = foundBy(place);
    found.forEach((secret) => seenElsewhere.add(secret));
    hits.push({ place, secrets: found });
  }
  for (const place of places.filter((p) => p.fallback)) hits.push({ place, secrets: foundBy(place).filter((secret) => !seenElsewhere.has(secret)) });

  const who = edition ? `The ${edition.label} edition` : 'This edition';
  // One error per paper, kind and kind of place: "page 3 text" … "page 9 text" become "pages 3–9 text".
  const groups = new Map<string, { secret: Secret; template: string; numbers: number[]; place: string; file?: string; line?: number }>();
  for (const { place, secrets: found } of hits) {
    const number = /\b\d+\b/.exec(place.place);
    const template = number ? place.place.replace(number[0], '#') : place.place;
    for (const secret of found) {
      const key = `${secret.paper}\0${secret.kind}\0${template}\0${place.file ?? ''}\0${place.line ?? ''}`;
      const group = groups.get(key) ?? { secret, template, numbers: [], place: place.place, ...(place.file ? { file: place.file } : {}), ...(place.line ? { line: place.line } : {}) };
      if (number) group.numbers.push(Number(number[0]));
      groups.set(key, group);
    }
  }
  return [...groups.values()].map(({ secret, template, numbers, place, file, line }) =>
    diagnostic({
      file: file ?? output,
      ...(line ? { span: { start: { line, column: 1 } } } : {}),
      rule: LEAK_RULE,
      severity: 'error',
      message: `${numbers.length > 1 ? template.replace(/\bpage #/, 'pages #').replace('#', ranges(numbers)) : place} contains ${KIND[secret.kind]} of the withheld paper "${secret.paper}". ${who} must not carry it: find what put it there (the edition filter, a renderer, or another document quoting the paper) and remove it${secret.kind === 'text' ? ', or allow shared boilerplate in check.yaml (`withheld_text: allow`)' : ''}.`,
    }),
  );
}

/** The rule id of every leak, from `check` and from the build's gate alike. */
export const LEAK_RULE = 'withheld-text';

/** `2, 3, 4, 7` as `2–4, 7`. */
function ranges(numbers: number[]): string {
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  const out: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    let j = i;
    while (sorted[j + 1] === sorted[j]! + 1) j++;
    out.push(j > i ? `${sorted[i]}–${sorted[j]}` : String(sorted[i]));
    i = j;
  }
  return out.join(', ');
}

function containsId(text: string, secret: Secret): boolean {
  const unless = (secret.unless ?? []).flatMap(idForms);
  const exactCase = !idInAnyCase(secret.text);
  // ASCII only, so offsets stay put.
  const folded = exactCase ? text : text.replace(/[A-Z]/g, (c) => c.toLowerCase());
  return idForms(secret.text).some((form) =>
    idOffsets(folded, form, { exactCase }).some((at) => !unless.some((id) => idOffsets(id, form).some((offset) => folded.startsWith(id, at - offset)))),
  );
}

/**
 * Every string of a pack model: to assert that a filtered pack holds nothing of a withheld paper
 * before any renderer sees it. Text and names (ids, file names, link targets, anchors) are
 * separate places, so ids are searched only where an id can occur; a document's blocks are
 * places of their own, with the file and line they come from.
 */
export function modelPlaces(pack: Pack): Place[] {
  const places: Place[] = [];
  const add = (place: string, value: unknown, at: { file?: string; line?: number } = {}) => {
    const found = { text: [] as string[], names: [] as string[] };
    strings(value, found);
    const where = { ...(at.file ? { file: at.file } : {}), ...(at.line ? { line: at.line } : {}) };
    if (found.text.length > 0) places.push({ place, text: found.text.join('\n'), ...where });
    if (found.names.length > 0) places.push({ place, text: found.names.join('\n'), names: true, ...where });
  };
  const blocks = (place: string, tree: Root, file?: string) => {
    for (const block of tree.children) add(place, { type: 'root', children: [block] }, { ...(file ? { file } : {}), ...(block.position ? { line: block.position.start.line } : {}) });
  };
  add('meeting', pack.meeting);
  add('editions', pack.editions);
  for (const session of pack.sessions) add(`session "${session.id}"`, session, session.file ? { file: session.file } : {});
  // Named by public title: the unfiltered pack's ids and titles may be secrets. A document the
  // edition lists without its text has no file left to name.
  for (const doc of pack.documents.values()) {
    const place = `document "${doc.publicTitle ?? doc.title}"`;
    const file = doc.file || undefined;
    const { body, people, ...fields } = doc;
    add(place, fields, file ? { file } : {});
    blocks(place, body, file);
    for (const person of peopleOf(people ?? [])) {
      const { biography, ...details } = person;
      add(place, details, { file: person.file });
      blocks(place, biography, person.file);
    }
    for (const section of people ?? []) add(place, sectionHeadings(section), file ? { file } : {});
  }
  add('papers and annex order', { papers: pack.papers, annex: pack.annex });
  for (const [name, data] of pack.data) add(`data "${name}"`, { id: name, rows: data });
  add('images', pack.images ? { asset: [...pack.images.keys()], images: [...pack.images.values()] } : []);
  return places;
}

function sectionHeadings(section: PeopleSection): string[] {
  return [section.heading, ...section.sections.flatMap(sectionHeadings)];
}

/** Fields whose strings are names: ids, file names, link targets, anchors. An id is searched for only in these. */
const NAME_KEYS = new Set(['id', 'papers', 'annex', 'sessions', 'file', 'pack', 'suffix', 'url', 'asset', 'anchor', 'path']);

/** Every string in a value, depth first, sorted into text and names by the field holding it; a Markdown tree as the printed text of its blocks plus its nodes' other strings. */
function strings(value: unknown, out: { text: string[]; names: string[] }, name = false): void {
  if (typeof value === 'string') (name ? out.names : out.text).push(value);
  else if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value) || value instanceof ArrayBuffer || value instanceof Date) return;
  else if (Array.isArray(value) || value instanceof Set) for (const item of value) strings(item, out, name);
  else if (value instanceof Map)
    for (const [key, item] of value) {
      strings(key, out, true);
      strings(item, out, name);
    }
  else if (isMarkdown(value)) {
    out.text.push(...blockTexts(value));
    nodeStrings(value, out);
  } else for (const [key, item] of Object.entries(value)) if (key !== 'position') strings(item, out, name || NAME_KEYS.has(key));
}

const isMarkdown = (value: object): value is Root => (value as { type?: unknown }).type === 'root' && Array.isArray((value as { children?: unknown }).children);

/**
 * The strings of Markdown nodes other than their text, which `blockTexts` has read: link
 * targets and directive attributes as names. A `#slug` link is not: the plan points it at an
 * anchor of its own or prints its text.
 */
function nodeStrings(node: Nodes, out: { text: string[]; names: string[] }): void {
  for (const [key, item] of Object.entries(node)) {
    if (key === 'type' || key === 'value' || key === 'position' || key === 'alt' || key === 'title') continue;
    if (key === 'children') for (const child of item as Nodes[]) nodeStrings(child, out);
    else if (key === 'url' && typeof item === 'string' && item.startsWith('#')) continue;
    else strings(item, out, true);
  }
}
