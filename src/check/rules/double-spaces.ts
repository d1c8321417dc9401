import { examplePaper as paper } from '../examples.js';
import { checkProse, matches } from '../prose-rule.js';
import type { Rule } from '../rule.js';

export const doubleSpaces: Rule = {
  id: 'double-spaces',
  doc: 'Two or more spaces between words are residue of typewriter habits or of a cleanup that removed a word. They print as a visible gap in justified text. Use one space.',
  severity: 'warning',
  check(context) {
    return checkProse(context, (prose) => matches(prose, /(?<=\S) {2,}(?=\S)/g).map((m) => ({ start: m.index, end: m.index + m[0].length, message: `${m[0].length} spaces between words. Use one.` })));
  },
  examples: [
    { title: 'two spaces after a full stop', files: { 'papers/a.md': paper('a', 'status: included', '\nThe end.  A new sentence.\n') }, messages: ['papers/a.md:7:9-7:11: 2 spaces between words. Use one.'] },
    { title: 'single spaces and a hard line break', files: { 'papers/a.md': paper('a', 'status: included', '\nThe end.  \nA new line.\n') }, messages: [] },
  ],
};
