/**
 * Text as the leak gate compares it: NFKC, lower case, words as runs of letters and digits.
 * Punctuation, spacing, line breaks and case then cannot hide a withheld sentence.
 */

/** Characters that are invisible in print and sit inside words (soft hyphens, zero-width joiners, BOMs). */
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;
const WORD = /[\p{L}\p{N}\p{M}]+/gu;

export function words(text: string): string[] {
  return text.normalize('NFKC').replace(INVISIBLE, '').toLowerCase().match(WORD) ?? [];
}

/** The words of `text` as written, with their offsets: where `words` found them, as a rule, for placing a find. */
export const wordSpans = (text: string): RegExpMatchArray[] => [...text.matchAll(WORD)];

interface Phrase<T> {
  words: string[];
  value: T;
}

/**
 * Finds word sequences in a text of words in one pass: phrases are indexed by their first two
 * words, so each position of the text costs a map lookup and only phrases that start there are compared.
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
    const found = new Set<Phrase<T>>();
    const n = text.length;
    for (let i = 0; i < n; i++) {
      const word = text[i]!;
      for (const phrase of this.single.get(word) ?? []) found.add(phrase);
      if (i + 1 === n) break;
      const candidates = this.pairs.get(word)?.get(text[i + 1]!);
      if (!candidates) continue;
      for (const phrase of candidates) {
        if (found.has(phrase) || i + phrase.words.length > n) continue;
        let k = 2;
        while (k < phrase.words.length && phrase.words[k] === text[i + k]) k++;
        if (k === phrase.words.length) found.add(phrase);
      }
    }
    return [...found].map((phrase) => phrase.value);
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const ID_CHAR = /[A-Za-z0-9]/;

/** The forms an id takes in outputs: as written, and as a Word bookmark name (`[A-Za-z0-9_]`). */
export const idForms = (id: string): string[] => [...new Set([id, id.replace(/[^A-Za-z0-9_]/g, '_')])];

/** Offsets where `id` occurs in `text` with no letter or digit either side. */
export function idOffsets(text: string, id: string): number[] {
  const offsets: number[] = [];
  if (!id) return offsets;
  for (let at = text.indexOf(id); at !== -1; at = text.indexOf(id, at + 1)) {
    const before = text[at - 1];
    const after = text[at + id.length];
    if ((before === undefined || !ID_CHAR.test(before)) && (after === undefined || !ID_CHAR.test(after))) offsets.push(at);
  }
  return offsets;
}
