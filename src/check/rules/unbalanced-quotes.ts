import { examplePaper as paper } from '../examples.js';
import { checkProse, inLiteral, type ProseFinding } from '../prose-rule.js';
import type { Rule } from '../rule.js';

export const unbalancedQuotes: Rule = {
  id: 'unbalanced-quotes',
  doc: 'Quotation marks come in pairs within a paragraph, heading, cell or field: every “ has its ”, every ‘ its ’, and straight double quotes are even in number. A right single quote on its own is an apostrophe (the group’s, the countries’) and is fine. Add the missing mark or delete the stray one.',
  severity: 'warning',
  check(context) {
    return checkProse(context, (prose) => {
      const found: ProseFinding[] = [];
      const text = prose.text;
      let openDouble: number | undefined;
      let openSingle: number | undefined;
      const straight: number[] = [];
      for (let i = 0; i < text.length; i++) {
        if (inLiteral(prose, i, i + 1)) continue;
        switch (text[i]) {
          case '“':
            if (openDouble !== undefined) found.push({ start: openDouble, end: openDouble + 1, message: '“ is never closed: another “ opens before any ”. Add the closing ” or delete this one.' });
            openDouble = i;
            break;
          case '”':
            if (openDouble === undefined) found.push({ start: i, end: i + 1, message: '” closes nothing: no “ before it. Add the opening “ or delete this one.' });
            openDouble = undefined;
            break;
          case '‘':
            openSingle ??= i;
            break;
          case '’':
            openSingle = undefined;
            break;
          case '"':
            straight.push(i);
            break;
        }
      }
      if (openDouble !== undefined) found.push({ start: openDouble, end: openDouble + 1, message: '“ is never closed. Add the closing ” or delete this one.' });
      if (openSingle !== undefined) found.push({ start: openSingle, end: openSingle + 1, message: '‘ is never closed. Add the closing ’ or delete this one.' });
      if (straight.length % 2 === 1) {
        const last = straight.at(-1)!;
        found.push({ start: last, end: last + 1, message: 'An odd number of " marks: this one has no partner. Add the missing mark or delete this one.' });
      }
      return found;
    });
  },
  examples: [
    { title: 'an unclosed curly quote', files: { 'papers/a.md': paper('a', 'status: included', '\nThe “Open Government Declaration was signed.\n') }, messages: ['papers/a.md:7:5-7:6: “ is never closed. Add the closing ” or delete this one.'] },
    { title: 'a stray straight quote', files: { 'papers/a.md': paper('a', 'status: included', '\nThe "Open Government" Declaration".\n') }, messages: ['papers/a.md:7:34-7:35: An odd number of " marks: this one has no partner. Add the missing mark or delete this one.'] },
    { title: 'apostrophes and pairs', files: { 'papers/a.md': paper('a', 'status: included', '\nThe group’s view of the countries’ “open” plans, ‘in brief’.\n') }, messages: [] },
  ],
};
