import { readFile } from 'node:fs/promises';
import type { Root } from 'nlcst';
import retextEnglish from 'retext-english';
import retextSpell from 'retext-spell';
import { unified } from 'unified';
import { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';

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

/** A spelling checker over retext-english and retext-spell, accepting `personal` words besides the dictionary. */
export async function spellChecker(personal: Iterable<string>): Promise<(text: string) => Promise<Misspelling[]>> {
  const dictionary = await englishDictionary();
  const processor = unified()
    .use(retextEnglish)
    .use(retextSpell, { dictionary, personal: [...personal].join('\n'), max: 50 });
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
