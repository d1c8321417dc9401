import { examplePaper as paper } from '../examples.js';
import type { Finding, Rule } from '../rule.js';

/** Alphabets whose letters look like Latin ones: a word mixing two of them is a look-alike, not a word of either. */
const SCRIPTS = [
  ['Latin', /\p{Script=Latin}/u],
  ['Greek', /\p{Script=Greek}/u],
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['Armenian', /\p{Script=Armenian}/u],
  ['Cherokee', /\p{Script=Cherokee}/u],
] as const;
const OTHER_THAN_LATIN = /[\p{Script=Greek}\p{Script=Cyrillic}\p{Script=Armenian}\p{Script=Cherokee}]/u;
const WORD = /[\p{L}\p{M}\p{N}]+/gu;

export const mixedScript: Rule = {
  id: 'mixed-script',
  doc: 'A word mixes letters of two alphabets that look alike, such as a Cyrillic "а" or "о" in a Latin word. It reads as the Latin word but is not one for spelling, search or a screen reader, and it can hide a quote of a withheld paper from a simple comparison (the leak gate compares look-alikes as the same letter). Retype the word in one alphabet.',
  severity: 'warning',
  check(context) {
    const findings: Finding[] = [];
    for (const source of context.sources) {
      // Pure Latin text cannot mix: most sources are skipped at once.
      if (!OTHER_THAN_LATIN.test(source.text)) continue;
      for (const match of source.text.matchAll(WORD)) {
        const scripts = SCRIPTS.filter(([, letters]) => letters.test(match[0])).map(([name]) => name);
        if (scripts.length < 2) continue;
        findings.push({ file: source.file, span: context.fileText(source).span(match.index, match.index + match[0].length), message: `This word mixes ${scripts.join(' and ')} letters, which look alike. Retype it in one alphabet.` });
      }
    }
    return findings;
  },
  examples: [
    {
      title: 'a Cyrillic letter in a Latin word',
      files: { 'papers/a.md': paper('a', 'status: included', '\nThe tre\u0430sury will contribute.\n') },
      messages: ['papers/a.md:7:5-7:13: This word mixes Latin and Cyrillic letters, which look alike. Retype it in one alphabet.'],
    },
    { title: 'Greek and Cyrillic words beside Latin ones', files: { 'papers/a.md': paper('a', 'status: included', '\nThe minister of Ελλάδα met the minister of Україна.\n') }, messages: [] },
  ],
};
