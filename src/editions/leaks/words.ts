/**
 * Text as the leak gate and the `withheld-text` rule compare it, one function for both: words
 * found by `Intl.Segmenter` after every Default_Ignorable_Code_Point is dropped, each word then
 * NFKC, case folded and reduced to its Unicode security skeleton (UTS #39). Punctuation, line
 * breaks, case, invisible characters and look-alike letters then cannot hide a withheld quote.
 */
import skeleton from 'unhomoglyph';

/** Invisible in print: zero-width space and joiners, soft hyphen, U+2063, variation selectors, BOM… */
const IGNORABLE = /\p{Default_Ignorable_Code_Point}/u;
/** Default-ignorable, yet drawn by fonts as a blank the width of a letter: between words they separate them. */
const BLANK = /[\u115F\u1160\u3164\uFFA0]/u;
const WORD_PART = /[\p{L}\p{N}\p{M}]+/gu;

const segmenter = new Intl.Segmenter('en', { granularity: 'word' });
/** Scripts written without spaces between words, which only a dictionary segmenter can split. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

/** Full case folding as far as JavaScript offers it: upper then lower folds ß to ss and ς to σ. */
const fold = (text: string): string => text.toUpperCase().toLowerCase();

/**
 * Latin small capitals (ᴀ ʙ ᴅ …), which the confusables data leaves apart from the letters they
 * print as, since in most fonts they are distinct glyphs; in a heading or a run of them they read
 * as the capitals.
 */
const SMALL_CAPITALS: Record<string, string> = {
  '\u1D00': 'a', '\u0299': 'b', '\u1D04': 'c', '\u1D05': 'd', '\u1D07': 'e', '\uA730': 'f', '\u0262': 'g', '\u029C': 'h', '\u026A': 'i',
  '\u1D0A': 'j', '\u1D0B': 'k', '\u029F': 'l', '\u1D0D': 'm', '\u0274': 'n', '\u1D0F': 'o', '\u1D18': 'p', '\uA7AF': 'q', '\u0280': 'r',
  '\uA731': 's', '\u1D1B': 't', '\u1D1C': 'u', '\u1D20': 'v', '\u1D21': 'w', '\u028F': 'y', '\u1D22': 'z',
};
const SMALL_CAPITAL = new RegExp(`[${Object.keys(SMALL_CAPITALS).join('')}]`, 'gu');

/**
 * A word's comparison form; `m` and `rn` share a skeleton, as UTS #39 intends. The skeleton is
 * taken before folding case as well as after: the confusables data maps a Cyrillic or Greek
 * capital (Т, Ν) to the Latin capital it looks like, but its small letter to a small capital.
 */
function compareForm(segment: string): string[] {
  const skeletal = (text: string) => fold(skeleton(text.normalize('NFD')).normalize('NFD').replace(SMALL_CAPITAL, (c) => SMALL_CAPITALS[c]!));
  return skeletal(skeletal(segment.normalize('NFKC'))).match(WORD_PART) ?? [];
}

// A pack has a few thousand distinct words; each is normalised once per process.
const forms = new Map<string, string[]>();
function formsOf(segment: string): string[] {
  let found = forms.get(segment);
  if (!found) {
    if (forms.size > 200_000) forms.clear();
    forms.set(segment, (found = compareForm(segment)));
  }
  return found;
}

/** A normalised word of a text and where it was written: characters [start, end) of the text. */
export interface WordSpan {
  word: string;
  start: number;
  end: number;
}

/** The normalised words of `text` with their places in it. */
export function wordSpans(text: string): WordSpan[] {
  let visible = text;
  let at: ((k: number) => number) | undefined;
  if (IGNORABLE.test(text)) {
    // Dropped before segmenting, so a zero-width space inside a word does not split it.
    const offsets: number[] = [];
    visible = '';
    for (let i = 0; i < text.length; ) {
      const ch = String.fromCodePoint(text.codePointAt(i)!);
      if (BLANK.test(ch)) {
        visible += ' ';
        offsets.push(i);
      } else if (!IGNORABLE.test(ch)) {
        visible += ch;
        for (let u = 0; u < ch.length; u++) offsets.push(i + u);
      }
      i += ch.length;
    }
    at = (k) => offsets[k]!;
  }
  const spans: WordSpan[] = [];
  for (const [from, chunk] of chunks(visible)) {
    // Where every word is a run of letters and digits, the segmenter's words split at their inner
    // punctuation are those runs; it is needed for scripts written without spaces.
    const segments = UNSPACED.test(chunk) ? segmenter.segment(chunk) : [...chunk.matchAll(WORD_PART)].map((m) => ({ segment: m[0], index: m.index, isWordLike: true }));
    for (const { segment, index, isWordLike } of segments) {
      if (!isWordLike) continue;
      const start = at ? at(from + index) : from + index;
      const end = at ? at(from + index + segment.length - 1) + 1 : from + index + segment.length;
      for (const word of formsOf(segment)) spans.push({ word, start, end });
    }
  }
  return spans;
}

/** Pieces of about this many characters: Node 20's `Intl.Segmenter` slows with the square of a text's length. */
const CHUNK = 1000;

/** A text in pieces cut at white space, which no word spans, each with its offset. */
function* chunks(text: string): Generator<[number, string]> {
  const space = /\s/gu;
  let from = 0;
  while (text.length - from > CHUNK) {
    space.lastIndex = from + CHUNK;
    const cut = space.exec(text)?.index;
    if (cut === undefined) break;
    yield [from, text.slice(from, cut)];
    from = cut;
  }
  yield [from, text.slice(from)];
}

/** The normalised words of `text`. */
export function words(text: string): string[] {
  return wordSpans(text).map((span) => span.word);
}

interface Phrase<T> {
  words: string[];
  value: T;
}

/**
 * Finds whole phrases (a restricted title, a canary) in a text of words in one pass: phrases are
 * indexed by their first two words, so each position costs a map lookup.
 */
export class PhraseIndex<T> {
  private readonly single = new Map<string, Phrase<T>[]>();
  private readonly pairs = new Map<string, Map<string, Phrase<T>[]>>();

  constructor(phrases: Iterable<{ words: string[]; value: T }>) {
    for (const phrase of phrases) {
      const [first, second] = phrase.words;
      if (first === undefined) continue;
      if (second === undefined) {
        push(this.single, first, phrase);
        continue;
      }
      let inner = this.pairs.get(first);
      if (!inner) this.pairs.set(first, (inner = new Map()));
      push(inner, second, phrase);
    }
  }

  /** Every phrase found in the text, each once, in the order first found. */
  find(text: readonly string[]): T[] {
    return [...new Set(this.places(text).map((p) => p.value))];
  }

  /** Where each phrase occurs in the text: word positions [start, end). */
  places(text: readonly string[]): { start: number; end: number; value: T }[] {
    const found: { start: number; end: number; value: T }[] = [];
    const n = text.length;
    for (let i = 0; i < n; i++) {
      const word = text[i]!;
      for (const phrase of this.single.get(word) ?? []) found.push({ start: i, end: i + 1, value: phrase.value });
      if (i + 1 === n) break;
      for (const phrase of this.pairs.get(word)?.get(text[i + 1]!) ?? []) {
        if (i + phrase.words.length > n) continue;
        let k = 2;
        while (k < phrase.words.length && phrase.words[k] === text[i + k]) k++;
        if (k === phrase.words.length) found.push({ start: i, end: i + k, value: phrase.value });
      }
    }
    return found;
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Every run of `length` consecutive words of some texts, hashed: a text shares a run with them
 * where one of its own runs of that length is in the index. Cost is linear in both texts.
 */
export class RunIndex<T> {
  private readonly runs = new Map<string, T[]>();

  constructor(readonly length: number) {}

  /** Indexes each run of `words`; a text shorter than the run length adds nothing. */
  add(words: readonly string[], value: T): void {
    for (let i = 0; i + this.length <= words.length; i++) {
      const key = words.slice(i, i + this.length).join(' ');
      const values = this.runs.get(key);
      if (!values) this.runs.set(key, [value]);
      else if (!values.includes(value)) values.push(value);
    }
  }

  get size(): number {
    return this.runs.size;
  }

  /** Each position of `text` where a run of the index starts, with the values (e.g. papers) that have that run. */
  hits(text: readonly string[]): { at: number; values: T[] }[] {
    const found: { at: number; values: T[] }[] = [];
    for (let i = 0; i + this.length <= text.length; i++) {
      const values = this.runs.get(text.slice(i, i + this.length).join(' '));
      if (values !== undefined) found.push({ at: i, values });
    }
    return found;
  }
}

/**
 * The stretches of `text` that share runs with the index: overlapping hits merged, as word
 * positions [start, end), each with the first value found in it. Runs that only touch stay two
 * stretches, e.g. two quoted paragraphs.
 */
export function sharedStretches<T>(index: RunIndex<T>, text: readonly string[]): { start: number; end: number; value: T }[] {
  const stretches: { start: number; end: number; value: T }[] = [];
  for (const { at, values } of index.hits(text)) {
    const last = stretches.at(-1);
    if (last && at < last.end) last.end = Math.max(last.end, at + index.length);
    else stretches.push({ start: at, end: at + index.length, value: values[0]! });
  }
  return stretches;
}

const ID_CHAR = /[A-Za-z0-9]/;
const ASCII_UPPER = /[A-Z]/g;

/**
 * Whether an id reads as an id in any case: one with a hyphen, underscore or digit
 * (`Country-Updates`). A one-word id in another case is an ordinary word ("Position" for `position`).
 */
export const idInAnyCase = (id: string): boolean => /[-_0-9]/.test(id);

/** The forms an id takes in outputs: as written, and as a Word bookmark name (`[A-Za-z0-9_]`). */
export const idForms = (id: string): string[] => [...new Set([id.toLowerCase(), id.toLowerCase().replace(/[^a-z0-9_]/g, '_')])];

/** Absolute URLs and mail addresses: an id inside one names something else, e.g. a page of another site. */
const EXTERNAL = /\b(?:[a-z][a-z0-9+.-]*:\/\/|mailto:|www\.)[^\s<>"']*/gi;

/**
 * Offsets where `id` occurs in `text` as a whole token (no letter or digit either side), outside
 * absolute URLs; case ignored unless `exactCase`.
 */
export function idOffsets(text: string, id: string, { external = false, exactCase = false } = {}): number[] {
  const offsets: number[] = [];
  if (!id) return offsets;
  // ASCII only, so that offsets in the folded text are offsets in the text.
  const folded = exactCase ? text : text.replace(ASCII_UPPER, (c) => c.toLowerCase());
  const needle = id.toLowerCase();
  const outside = external ? [] : [...folded.matchAll(EXTERNAL)].map((m) => [m.index, m.index + m[0].length] as const);
  for (let at = folded.indexOf(needle); at !== -1; at = folded.indexOf(needle, at + 1)) {
    const before = folded[at - 1];
    const after = folded[at + needle.length];
    if (before !== undefined && ID_CHAR.test(before)) continue;
    if (after !== undefined && ID_CHAR.test(after)) continue;
    if (outside.some(([a, b]) => at >= a && at < b)) continue;
    offsets.push(at);
  }
  return offsets;
}

/** Whether `name` (an anchor, bookmark or file name) spells `id` in any of its forms, as the gate would find it. */
export function containsId(name: string, id: string): boolean {
  const forms = [name, name.replace(/[^A-Za-z0-9_]/g, '_')];
  return idForms(id).some((form) => forms.some((n) => idOffsets(n, form).length > 0));
}
