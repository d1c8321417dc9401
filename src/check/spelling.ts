/**
 * Spelling by retext-spell (nspell) over the English dictionary. With the cache on
 * (`src/cache/store.ts`), each text's findings are kept between runs, keyed by the digest of the
 * dictionary's bytes, the personal words, the checker's settings and the text: a run whose texts
 * were all checked before loads neither retext nor nspell, whose table takes most of the time.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Root } from 'nlcst';
import type { VFileMessage } from 'vfile-message';
import { arrayOf, cacheTable, isIndex } from '../cache/store.js';

interface Dictionary {
  aff: Uint8Array;
  dic: Uint8Array;
}

/** `npm run build` expands dictionary-en into one word form per line here (scripts/build-dictionary.mjs). */
const EXPANDED = new URL('../../dist/assets/', import.meta.url);

let english: Promise<Dictionary> | undefined;

/**
 * The English dictionary: the expanded copy when the build made one, which loads several times
 * faster because no affix rule is applied at run time; otherwise dictionary-en itself.
 */
export function englishDictionary(): Promise<Dictionary> {
  english ??= Promise.all([readFile(new URL('dictionary-en.aff', EXPANDED)), readFile(new URL('dictionary-en.dic', EXPANDED))]).then(
    ([aff, dic]) => ({ aff, dic }),
    async () => (await import('dictionary-en')).default,
  );
  return english;
}

export interface Misspelling {
  /** Offsets of the word in the text checked: [start, end). */
  start: number;
  end: number;
  suggestions: string[];
}

const isMisspelling = (value: unknown): value is Misspelling => {
  const { start, end, suggestions } = (value ?? {}) as Partial<Misspelling>;
  return isIndex(start) && isIndex(end) && start <= end && arrayOf((s): s is string => typeof s === 'string')(suggestions);
};

/** How many unknown words get suggestions, per text. */
const MAX_SUGGESTED = 50;

/** A spelling checker over retext-english and retext-spell, accepting `personal` words besides the dictionary. */
export async function spellChecker(personal: Iterable<string>): Promise<(text: string) => Promise<Misspelling[]>> {
  const dictionary = await englishDictionary();
  const words = [...personal].join('\n');
  const kept = cacheTable<Misspelling[]>('spelling', { packages: ['retext-english', 'retext-spell', 'nspell'], code: [import.meta.url], valid: arrayOf(isMisspelling) });
  let checker: Promise<(text: string) => Promise<Misspelling[]>> | undefined;
  const check = async (text: string) => (await (checker ??= retextChecker(dictionary, words)))(text);
  if (!kept) return check;
  const context = createHash('sha256').update(`${dictionary.aff.byteLength} ${dictionary.dic.byteLength} ${MAX_SUGGESTED}\0`).update(dictionary.aff).update(dictionary.dic).update('\0').update(words).update('\0').digest();
  return async (text) => {
    const key = createHash('sha256').update(context).update(text).digest('base64url');
    const found = kept.get(key);
    if (found) return found;
    const misspelt = await check(text);
    kept.set(key, misspelt);
    return misspelt;
  };
}

/** retext's checker, its modules loaded and nspell's table built when the first text is checked. */
async function retextChecker(dictionary: Dictionary, personal: string): Promise<(text: string) => Promise<Misspelling[]>> {
  const [{ default: retextEnglish }, { default: retextSpell }, { unified }, { VFile }] = await Promise.all([import('retext-english'), import('retext-spell'), import('unified'), import('vfile')]);
  const processor = unified().use(retextEnglish).use(retextSpell, { dictionary, personal, max: MAX_SUGGESTED });
  return async (text) => {
    const file = new VFile(text);
    await processor.run(processor.parse(file) as Root, file);
    // retext-spell adds an `overflow` note once it stops suggesting; only unknown words are kept.
    return file.messages.flatMap((message: VFileMessage) => {
      if (message.source !== 'retext-spell' || message.ruleId === 'overflow') return [];
      const place = message.place && 'start' in message.place ? message.place : undefined;
      const start = place?.start.offset;
      const end = place?.end.offset;
      return start === undefined || end === undefined ? [] : [{ start, end, suggestions: message.expected ?? [] }];
    });
  };
}
