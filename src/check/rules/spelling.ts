import { examplePaper as paper } from '../examples.js';
import { knownNames } from '../names.js';
import type { Finding, Rule } from '../rule.js';
import { proseSpan, type Prose } from '../text.js';

/**
 * Addresses, acronyms (checked by the acronyms rule), words with digits and word-processor
 * identifiers such as `_GoBack` are not spelling.
 */
const NOT_WORDS = /(?<![\p{L}\p{N}])_[\p{L}\p{N}_]+|[^\s<>()[\]"“”]+@[^\s<>()[\]"“”]+|\b(?:https?:\/\/|www\.)[^\s<>()"“”]+|(?<![\p{L}\p{N}])\p{Lu}{2,}[\p{L}’']*|[\p{L}\p{N}]*\p{N}[\p{L}\p{N}]*/gu;

/** Every word of the names the pack states, whole and split at hyphens. */
function nameWords(names: readonly string[]): string[] {
  return names.flatMap((name) => (name.match(/[\p{L}’'-]+/gu) ?? []).flatMap((word) => [word, ...word.split('-')])).filter((w) => /\p{L}/u.test(w));
}

/** Text of a run of prose with literals and non-words blanked out, keeping offsets. */
function masked(prose: Prose): string {
  // UTF-16 units, as the offsets count them.
  const units = prose.text.split('');
  for (const [start, end] of prose.literals) units.fill(' ', start, end);
  // A hyphenated word is checked part by part, prefixes left out: it is right when its parts are.
  return units
    .join('')
    .replace(NOT_WORDS, (m) => ' '.repeat(m.length))
    .replace(PREFIX, (m) => ' '.repeat(m.length))
    .replace(/(?<=\p{L})[-‐](?=\p{L})/gu, ' ')
    .replace(TOO_LONG, (m) => ' '.repeat(m.length));
}

/** A run of letters longer than any word: the dictionary's suggestions for it took gigabytes (found by the fuzzer), and it is no prose. */
const TOO_LONG = /[\p{L}’']{50,}/gu;

/** Prefixes written with a hyphen that are not words of their own: "co-creation", "pre-selected". */
const PREFIX = /(?<![\p{L}\p{N}])(?:co|pre|re|non|e|sub|multi|anti|inter|post|self|cross|ex|mid|semi|bi|tri|de|un)(?=[-‐]\p{L})/giu;

export const spelling: Rule = {
  id: 'spelling',
  doc: "Spelling is checked against the English dictionary (dictionary-en, through retext-spell), the project word list `words.txt` in the content directory, and the names the pack states: people's names, authors, working groups' names, co-anchors and contacts. Email addresses, URLs, acronyms and words with digits are left to other rules; a hyphenated word is checked part by part. Fix the typo; if the word is a true name or term, add it to words.txt, never change the source text to please the checker.",
  severity: 'warning',
  async check(context) {
    const accepted = [...context.words.words, ...nameWords(knownNames(context).map((n) => n.name))];
    // retext and the dictionary load only when spelling is checked.
    const { spellChecker } = await import('../spelling.js');
    const check = await spellChecker(accepted);
    const findings: Finding[] = [];
    const bySource = new Map<string, Prose[]>();
    for (const prose of context.prose()) {
      const runs = bySource.get(prose.source.file);
      if (runs) runs.push(prose);
      else bySource.set(prose.source.file, [prose]);
    }
    for (const runs of bySource.values()) {
      // One pass per file: runs joined by blank lines, each remembered by where it starts.
      const starts: number[] = [];
      let joined = '';
      for (const prose of runs) {
        starts.push(joined.length);
        joined += masked(prose) + '\n\n';
      }
      for (const { start: offset, end, suggestions } of await check(joined)) {
        const word = joined.slice(offset, end);
        let index = starts.length - 1;
        while (index > 0 && starts[index]! > offset) index--;
        const prose = runs[index]!;
        const start = offset - starts[index]!;
        const hint = suggestions.length > 0 ? ` Did you mean ${suggestions.slice(0, 3).map((s) => `"${s}"`).join(' or ')}?` : '';
        findings.push({
          file: prose.source.file,
          span: proseSpan(prose, context.fileText(prose.source), start, start + word.length),
          message: `Unknown word "${word}".${hint} If it is a correct name or term, add it to ${context.words.file}.`,
        });
      }
    }
    return findings;
  },
  examples: [
    { title: 'a typo in a paper', files: { 'papers/a.md': paper('a', 'status: included', '\nThe Ukranian minister spoke.\n') }, messages: ['papers/a.md:7:5-7:13: Unknown word "Ukranian". Did you mean "Ukrainian"? If it is a correct name or term, add it to words.txt.'] },
    { title: 'a typo in an agenda description', files: { 'sessions/only.yaml': "id: only\ntitle: T\ndate: 2015-10-26\nstart: '16:00'\nend: '17:00'\nlocation: R\nitems:\n  - time: '16:00'\n    title: Welcome\n    description: |\n      The Steering Committee will\n      discuss the goverment response.\n" }, messages: ['sessions/only.yaml:12:19-12:28: Unknown word "goverment". Did you mean "government"? If it is a correct name or term, add it to words.txt.'] },
    { title: 'a hyphenated word with a misspelt part', files: { 'papers/a.md': paper('a', 'status: included', '\nMexico’s Rightto-Know Reforms.\n') }, messages: ['papers/a.md:7:10-7:17: Unknown word "Rightto". Did you mean "Righto"? If it is a correct name or term, add it to words.txt.'] },
    {
      title: 'names, the word list, acronyms and addresses',
      files: {
        'words.txt': '# names and terms\nPetrenko\n',
        'people/hille-hinsberg.md': '---\nid: hille-hinsberg\nname: Hille Hinsberg\ngroup: new\nattending: false\n---\n\nHille Hinsberg met Mr. Petrenko.\n',
        'papers/a.md': paper('a', 'status: included', '\nHinsberg and the IRM wrote to info@opengovpartnership.org about www.opengovpartnership.org, 2015’s well-known co-creation and pre-selected e-services.\n'),
      },
      messages: [],
    },
  ],
};
