import { examplePaper as paper } from '../examples.js';
import { checkProse, matches } from '../prose-rule.js';
import type { Rule } from '../rule.js';

const REPEATED = /(?<![\p{L}\p{N}’'-])(\p{L}+)\s+(\1)(?![\p{L}\p{N}’'-])/giu;

export const repeatedWords: Rule = {
  id: 'repeated-words',
  doc: 'The same word twice in a row ("the the") is almost always a slip of editing, also across a line break. Delete one of them.',
  severity: 'warning',
  check(context) {
    return checkProse(context, (prose) =>
      matches(prose, REPEATED).map((m) => {
        const start = m.index + m[0].length - m[2]!.length;
        return { start, end: start + m[2]!.length, message: `Repeated word "${m[2]}"` };
      }),
    );
  },
  examples: [
    { title: 'the the across a line break', files: { 'papers/a.md': paper('a', 'status: included', '\nThis is the\nthe text.\n') }, messages: ['papers/a.md:8:1-8:4: Repeated word "the"'] },
    { title: 'in an agenda title', files: { 'sessions/only.yaml': "id: only\ntitle: T\ndate: 2015-10-26\nstart: '16:00'\nend: '17:00'\nlocation: R\nitems:\n  - time: '16:00'\n    title: Welcome and and introductions\n" }, messages: ['sessions/only.yaml:9:24-9:27: Repeated word "and"'] },
    { title: 'no repetition', files: { 'papers/a.md': paper('a', 'status: included', '\nThe theme of the meeting; a bye-bye.\n') }, messages: [] },
  ],
};
