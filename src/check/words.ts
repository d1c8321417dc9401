import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { SourceTree } from '../io/source-tree.js';
import { readTextSource } from '../load/decode.js';

/** The project word list: `words.txt` in the content directory. */
export const WORD_LIST = 'words.txt';

/**
 * Words the spelling check accepts besides the dictionary: true names and terms of the pack,
 * one per line, `#` starting a comment. An entry in capitals (`UN`, `CSOs`) also declares a
 * well-known acronym that need not be spelled out.
 */
export interface WordList {
  /** The list's path as messages print it. */
  file: string;
  words: Set<string>;
  acronyms: Set<string>;
}

function parseWordList(text: string, file = WORD_LIST): WordList {
  const words = new Set<string>();
  const acronyms = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    const word = line.replace(/#.*/, '').trim();
    if (!word) continue;
    words.add(word);
    if (isAcronym(word)) acronyms.add(acronymStem(word));
  }
  return { file, words, acronyms };
}

/** The word list, empty when there is none or it is not a readable text file (which is then reported). */
export async function readWordList(tree: SourceTree, file: string): Promise<{ list: WordList; diagnostics: Diagnostic[] }> {
  const empty = { file, words: new Set<string>(), acronyms: new Set<string>() };
  if (!(await tree.list()).includes(WORD_LIST)) return { list: empty, diagnostics: [] };
  const read = await readTextSource(tree, WORD_LIST, file);
  return 'diagnostic' in read ? { list: empty, diagnostics: [read.diagnostic] } : { list: parseWordList(read.text, file), diagnostics: [] };
}

/** Two or more capitals, optionally a lower-case plural `s` (`CSOs`). */
export const ACRONYM = /^[A-Z][A-Z&]*[A-Z](?:s|’s|'s)?$/;

function isAcronym(word: string): boolean {
  return ACRONYM.test(word);
}

/** `CSOs` → `CSO`, `IRM’s` → `IRM`. */
export function acronymStem(word: string): string {
  return word.replace(/(?:s|’s|'s)$/, '');
}
