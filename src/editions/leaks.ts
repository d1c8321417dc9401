/**
 * The leak gate: what of a withheld paper an edition must not carry (its secrets), how to read a
 * built output into places to search, and the search itself. It checks the outputs as a reader
 * or a program would see them, independently of the edition filter that should have removed
 * everything: titles, sentences and canaries by their words, ids in names, link targets and
 * file names. Messages never quote a secret, since the log of a public build may be public.
 */
import type { Nodes, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { Pack, PackDocument } from '../model/pack.js';
import type { Edition } from './editions.js';
import { idForms, idOffsets, PhraseIndex, words } from './leaks/words.js';

/** Something of a withheld paper that must not appear in an edition that does not carry it. */
export interface Secret {
  /** How messages name the paper: its public title, never the secret title or id. */
  paper: string;
  kind: 'title' | 'sentence' | 'canary' | 'id';
  text: string;
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
}

/** A sentence shorter than this is too common to call a leak. */
export const MIN_SENTENCE_WORDS = 8;

export { readOutput } from './leaks/read.js';

/** The secrets of every withheld paper the edition does not carry, from the unfiltered pack. */
export function secretsOf(pack: Pack, edition: Edition): Secret[] {
  if (edition.carries.has('withheld')) return [];
  const publicIds = [...pack.documents.keys()].filter((id) => pack.documents.get(id)!.status !== 'withheld');
  return [...pack.documents.values()].filter((doc) => doc.status === 'withheld').flatMap((doc) => documentSecrets(doc, publicIds));
}

/**
 * What of one withheld document must stay out of an edition that does not carry it: its title
 * (when a public title replaces it), canaries, sentences and id; `publicIds` are the ids of the
 * other documents, so that one containing this id is not taken for it.
 */
export function documentSecrets(doc: PackDocument, publicIds: readonly string[] = []): Secret[] {
  const paper = doc.publicTitle ?? doc.title;
  const secrets: Secret[] = [];
  const seen = new Set<string>();
  const add = (kind: Secret['kind'], text: string) => {
    const key = `${kind}\0${words(text).join(' ')}`;
    if (seen.has(key) || words(text).length === 0) return;
    seen.add(key);
    secrets.push({ paper, kind, text });
  };
  if (doc.publicTitle !== undefined && !containsPhrase(doc.publicTitle, doc.title)) add('title', doc.title);
  for (const canary of doc.canaries) add('canary', canary);
  for (const text of documentTexts(doc)) for (const sentence of sentencesOf(text)) add('sentence', sentence);
  const unless = publicIds.filter((id) => idForms(doc.id).some((form) => idForms(id).some((publicForm) => publicForm !== form && idOffsets(publicForm, form).length > 0)));
  secrets.push({ paper, kind: 'id', text: doc.id, ...(unless.length > 0 ? { unless } : {}) });
  return secrets;
}

/** Whether `phrase` occurs in `text` as a whole-word sequence. */
function containsPhrase(text: string, phrase: string): boolean {
  const needle = words(phrase);
  return new PhraseIndex([{ words: needle, value: true }]).find(words(text)).length > 0;
}

/** The prose of a document: its body's blocks, its biographies and its working-group sheet. */
function documentTexts(doc: PackDocument): string[] {
  const texts = blockTexts(doc.body);
  const people = (sections: NonNullable<PackDocument['people']>): void => {
    for (const section of sections) {
      texts.push(section.heading);
      for (const person of section.people) texts.push(person.name, ...blockTexts(person.biography));
      people(section.sections);
    }
  };
  people(doc.people ?? []);
  if (doc.workingGroup) texts.push(...strings(doc.workingGroup));
  return texts;
}

/** Inline (phrasing) node types: a block whose children are all of these is read as one text. */
const PHRASING = new Set(['text', 'emphasis', 'strong', 'delete', 'inlineCode', 'break', 'link', 'linkReference', 'image', 'imageReference', 'footnoteReference', 'html', 'inlineMath', 'textDirective']);

/** The text of each block of a Markdown tree: paragraphs, headings, table cells, code. */
export function blockTexts(node: Nodes): string[] {
  if ('children' in node && node.children.some((child) => !PHRASING.has(child.type))) return node.children.flatMap((child) => blockTexts(child as Nodes));
  const text = toString(node);
  return text.trim() ? [text] : [];
}

/** Sentences of a block of text: split after `.`, `!`, `?` or `…` (and any closing quotes or brackets) and a space. */
const SENTENCE_BREAK = /(?<=[.!?…]["'”’»)\]]*)\s+/u;

/** The sentences of a text that are long enough to be a secret. */
export function sentencesOf(text: string): string[] {
  return text
    .split(SENTENCE_BREAK)
    .map((sentence) => sentence.trim().replace(/\s+/g, ' '))
    .filter((sentence) => words(sentence).length >= MIN_SENTENCE_WORDS);
}

export const KIND: Record<Secret['kind'], string> = { title: 'the title', sentence: 'a sentence', canary: 'the canary', id: 'the id' };

/**
 * Searches the places of one output for the secrets. One error per place, paper and kind, named
 * by the paper's public title; the secret itself is never quoted.
 */
export function findLeaks(output: string, places: readonly Place[], secrets: readonly Secret[], edition?: Pick<Edition, 'label'>): Diagnostic[] {
  const index = new PhraseIndex(secrets.filter((s) => s.kind !== 'id').map((secret) => ({ words: words(secret.text), value: secret })));
  const ids = secrets.filter((s) => s.kind === 'id');
  const foundBy = (place: Place): Secret[] => [...index.find(words(place.text)), ...(place.names ? ids.filter((id) => containsId(place.text, id)) : [])];

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
  const groups = new Map<string, { secret: Secret; template: string; numbers: number[]; place: string; file?: string }>();
  for (const { place, secrets: found } of hits) {
    const number = /\b\d+\b/.exec(place.place);
    const template = number ? place.place.replace(number[0], '#') : place.place;
    for (const secret of found) {
      const key = `${secret.paper}\0${secret.kind}\0${template}`;
      const group = groups.get(key) ?? { secret, template, numbers: [], place: place.place, ...(place.file ? { file: place.file } : {}) };
      if (number) group.numbers.push(Number(number[0]));
      groups.set(key, group);
    }
  }
  return [...groups.values()].map(({ secret, template, numbers, place, file }) =>
    diagnostic({
      file: file ?? output,
      rule: 'leak',
      severity: 'error',
      message: `${numbers.length > 1 ? template.replace(/\bpage #/, 'pages #').replace('#', ranges(numbers)) : place} contains ${KIND[secret.kind]} of the withheld paper "${secret.paper}". ${who} must not carry it: find what put it there (the edition filter, a renderer, or another document quoting the paper) and remove it.`,
    }),
  );
}

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
  return idForms(secret.text).some((form) =>
    idOffsets(text, form).some((at) => !unless.some((id) => idOffsets(id, form).some((offset) => text.startsWith(id, at - offset)))),
  );
}

/**
 * Every string of a pack model, one place per part of it: to assert that a filtered pack holds
 * nothing of a withheld paper before any renderer sees it. All are names places, since ids,
 * anchors and file names live beside the text.
 */
export function modelPlaces(pack: Pack): Place[] {
  const places: Place[] = [];
  const add = (place: string, value: unknown, file?: string) => places.push({ place, text: strings(value).join('\n'), names: true, ...(file ? { file } : {}) });
  add('meeting', pack.meeting);
  add('editions', pack.editions);
  for (const session of pack.sessions) add(`session "${session.id}"`, session);
  // Named by public title: the unfiltered pack's ids and titles may be secrets. A document the
  // edition lists without its text has no file left to name.
  for (const [id, doc] of pack.documents) add(`document "${doc.publicTitle ?? doc.title}"`, [id, doc], doc.file || undefined);
  add('papers and annex order', [pack.papers, pack.annex]);
  for (const [name, data] of pack.data) add(`data "${name}"`, [name, data]);
  add('images', pack.images ?? []);
  return places;
}

/** Every string in a value, depth first; a Markdown tree as the text of its blocks plus its nodes' other strings (urls, alt text, anchors). */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value) || value instanceof ArrayBuffer || value instanceof Date) return out;
  else if (Array.isArray(value) || value instanceof Set) for (const item of value) strings(item, out);
  else if (value instanceof Map) for (const [key, item] of value) strings([key, item], out);
  else if (isMarkdown(value)) {
    out.push(...blockTexts(value));
    nodeStrings(value, out);
  } else for (const [key, item] of Object.entries(value)) if (key !== 'position') strings(item, out);
  return out;
}

const isMarkdown = (value: object): value is Root => (value as { type?: unknown }).type === 'root' && Array.isArray((value as { children?: unknown }).children);

/** The strings of Markdown nodes other than their text, which `blockTexts` has read. */
function nodeStrings(node: Nodes, out: string[]): void {
  for (const [key, item] of Object.entries(node)) {
    if (key === 'type' || key === 'value' || key === 'position') continue;
    if (key === 'children') for (const child of item as Nodes[]) nodeStrings(child, out);
    else strings(item, out);
  }
}
