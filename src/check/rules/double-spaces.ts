import { examplePaper as paper } from '../examples.js';
import { checkProse, matches } from '../prose-rule.js';
import type { Rule } from '../rule.js';

export const doubleSpaces: Rule = {
  id: 'double-spaces',
  doc: 'Two or more spaces between words are residue of typewriter habits or of a cleanup that removed a word. They print as a visible gap in justified text. Use one space.',
  severity: 'warning',
  check(context) {
    return checkProse(context, (prose) =>
      matches(prose, /(?<=\S)[ \u00a0]{2,}(?=\S)/g).map((m) => ({
        start: m.index,
        end: m.index + m[0].length,
        message: `${m[0].length} spaces between words${m[0].includes('\u00a0') ? ' (one a no-break space, which looks like an ordinary one)' : ''}. Use one.`,
      })),
    );
  },
  examples: [
    { title: 'two spaces after a full stop', files: { 'papers/a.md': paper('a', 'status: included', '\nThe end.  A new sentence.\n') }, messages: ['papers/a.md:7:9-7:11: 2 spaces between words. Use one.'] },
    { title: 'a space and a no-break space', files: { 'papers/a.md': paper('a', 'status: included', '\nThe end. \u00a0A new sentence.\n') }, messages: ['papers/a.md:7:9-7:11: 2 spaces between words (one a no-break space, which looks like an ordinary one). Use one.'] },
    { title: 'single spaces, a no-break space in a name and a hard line break', files: { 'papers/a.md': paper('a', 'status: included', '\nAnuradha\u00a0Joshi ends.  \nA new line.\n') }, messages: [] },
  ],
};
