import { examplePaper as paper } from '../examples.js';
import { checkProse, matches } from '../prose-rule.js';
import type { Rule } from '../rule.js';

/** Text that word processors and editors leave behind, and what each one is. */
const RESIDUE: [RegExp, string][] = [
  [/\[bookmark:[^\]]*\]/g, 'a Word bookmark left by the conversion'],
  [/Error! (?:Reference source not found|Bookmark not defined|No text of specified style in document|Hyperlink reference not valid)\.?/g, 'a broken Word cross-reference'],
  [/\[insert\b[^\]]*\]/gi, 'an insertion placeholder'],
  [/\b(?:TODO|TBC|TBD|FIXME)\b/g, 'an editing placeholder'],
  [/(?<![\p{L}\p{N}])(?:XX+|xx+)(?![\p{L}\p{N}])/gu, 'a placeholder for a missing value'],
  [/\{(?:\+\+|--|~~|==|>>)[\s\S]*?(?:\+\+|--|~~|==|<<)\}/g, 'tracked-change markup'],
  [/\[(?:Comment|Deleted|Inserted|Formatted|Commented)\b[^\]]*\]|(?:^|\n)(?:Deleted|Formatted|Commented):/g, 'tracked-change or comment residue'],
  [/\[[A-Z]{2,3}\d{1,2}\]/g, 'a Word comment anchor'],
];

export const wordProcessingResidue: Rule = {
  id: 'word-processing-residue',
  doc: 'Text that a word processor or an unfinished edit left behind must not reach readers: `[bookmark: _GoBack]`, "Error! Reference source not found.", TODO, TBC, XX, `[insert …]`, tracked-change and comment residue such as `[Comment JS1]` or `{++added++}`. Finish the edit, or delete the residue. Under `--final` no setting turns it off.',
  severity: 'error',
  final: true,
  check(context) {
    return checkProse(context, (prose) =>
      RESIDUE.flatMap(([pattern, what]) =>
        matches(prose, pattern).map((m) => {
          const text = m[0].trim();
          const start = m.index + m[0].indexOf(text);
          return { start, end: start + text.length, message: `"${text}" is ${what}. Finish the edit or delete it.` };
        }),
      ),
    );
  },
  examples: [
    { title: 'a leftover bookmark', files: { 'papers/a.md': paper('a', 'status: included', '\nSee the annex.[bookmark: _GoBack]\n') }, messages: ['papers/a.md:7:15-7:34: "[bookmark: _GoBack]" is a Word bookmark left by the conversion. Finish the edit or delete it.'] },
    { title: 'a broken cross-reference and a placeholder', files: { 'papers/a.md': paper('a', 'status: included', '\nAs shown in Error! Reference source not found., the budget is XX dollars (TBC).\n') }, messages: ['papers/a.md:7:13-7:47: "Error! Reference source not found." is a broken Word cross-reference. Finish the edit or delete it.', 'papers/a.md:7:75-7:78: "TBC" is an editing placeholder. Finish the edit or delete it.', 'papers/a.md:7:63-7:65: "XX" is a placeholder for a missing value. Finish the edit or delete it.'] },
    { title: 'an agenda description with an insertion placeholder', files: { 'sessions/only.yaml': "id: only\ntitle: T\ndate: 2015-10-26\nstart: '16:00'\nend: '17:00'\nlocation: R\nitems:\n  - time: '16:00'\n    title: Welcome\n    description: |\n      Opening by\n      [insert name of co-chair].\n" }, messages: ['sessions/only.yaml:12:7-12:32: "[insert name of co-chair]" is an insertion placeholder. Finish the edit or delete it.'] },
    { title: 'clean text', files: { 'papers/a.md': paper('a', 'status: included', '\nThe XXI century; a 2015 TBCX.\n') }, messages: [] },
  ],
};
