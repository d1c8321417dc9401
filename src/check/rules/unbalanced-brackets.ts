import { examplePaper as paper } from '../examples.js';
import { checkProse, inLiteral, type ProseFinding } from '../prose-rule.js';
import type { Rule } from '../rule.js';

const PAIRS: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
/** A closing parenthesis after an enumeration label, as in "a) first b) second" or "ii) …", closes nothing. */
const LABEL = /(?:^|[\s;:,(—–-])(?:[a-zA-Z]|[ivx]+|\d{1,2})$/;

export const unbalancedBrackets: Rule = {
  id: 'unbalanced-brackets',
  doc: 'Every opening bracket — (, [ or { — closes within the same paragraph, heading, cell or field, and every closing one has its opening. An unmatched bracket is usually half of a deleted aside. Enumeration labels such as "a)" or "ii)" are not counted.',
  severity: 'warning',
  check(context) {
    return checkProse(context, (prose) => {
      const found: ProseFinding[] = [];
      const open: number[] = [];
      for (let i = 0; i < prose.text.length; i++) {
        const ch = prose.text[i]!;
        if (inLiteral(prose, i, i + 1)) continue;
        if (ch === '(' || ch === '[' || ch === '{') open.push(i);
        else if (ch in PAIRS) {
          const top = open.at(-1);
          if (top !== undefined && prose.text[top] === PAIRS[ch]) open.pop();
          else if (ch === ')' && LABEL.test(prose.text.slice(Math.max(0, i - 6), i))) continue;
          else found.push({ start: i, end: i + 1, message: `"${ch}" closes nothing: no "${PAIRS[ch]}" before it. Add the opening bracket or delete this one.` });
        }
      }
      for (const i of open) {
        const ch = prose.text[i]!;
        found.push({ start: i, end: i + 1, message: `"${ch}" is never closed. Add the closing bracket or delete this one.` });
      }
      return found;
    });
  },
  examples: [
    { title: 'an unclosed parenthesis', files: { 'papers/a.md': paper('a', 'status: included', '\nThe Support Unit (SU will report.\n') }, messages: ['papers/a.md:7:18-7:19: "(" is never closed. Add the closing bracket or delete this one.'] },
    { title: 'a stray bracket across emphasis', files: { 'papers/a.md': paper('a', 'status: included', '\nThe *annex*] lists them (see *below*).\n') }, messages: ['papers/a.md:7:12-7:13: "]" closes nothing: no "[" before it. Add the opening bracket or delete this one.'] },
    { title: 'labels and balanced brackets', files: { 'papers/a.md': paper('a', 'status: included', '\nTwo options: a) grants; b) loans (see [the annex]).\n') }, messages: [] },
  ],
};
