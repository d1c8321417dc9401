import { examplePaper as paper } from '../examples.js';
import { checkProse } from '../prose-rule.js';
import type { Rule } from '../rule.js';

/** Anything with an @ between non-space characters. */
const CANDIDATE = /[^\s<>()[\]{}"“”‘’,;:]+@[^\s<>()[\]{}"“”‘’;:]*/g;
const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}$/;

/** Whether an address is well formed: one @, a dotted domain ending in letters, no double dots. */
export function isEmail(address: string): boolean {
  return EMAIL.test(address) && !address.includes('..') && !address.startsWith('.') && !address.includes('.@');
}

export const malformedEmail: Rule = {
  id: 'malformed-email',
  doc: 'Email addresses must be usable: one @, a domain with a dot and a top-level part of letters, no commas or spaces. In text, anything with an @ is checked; in front matter (working-group contacts), the schema checks the `email` field and reports it under this rule. Correct the address.',
  severity: 'error',
  check(context) {
    return checkProse(context, (prose) =>
      [...prose.text.matchAll(CANDIDATE)].flatMap((m) => {
        // A sentence's full stop or comma is not part of the address.
        const address = m[0].replace(/[.,]+$/, '');
        if (/^@|^[\p{L}\p{N}]+@$/u.test(address) || isEmail(address)) return [];
        return [{ start: m.index, end: m.index + address.length, message: `"${address}" is not a valid email address. Correct it (name@example.org).` }];
      }),
    );
  },
  examples: [
    { title: 'a comma for a dot', files: { 'papers/a.md': paper('a', 'status: included', '\nWrite to jose.alonso@webfoundation,org for details.\n') }, messages: ['papers/a.md:7:10-7:39: "jose.alonso@webfoundation,org" is not a valid email address. Correct it (name@example.org).'] },
    {
      title: 'a contact email without a domain',
      files: { 'working-groups/w.md': '---\nid: w\ntitle: W\nacronym: WG\nname: W Group\nco_anchors: [Government of Canada]\ncontacts:\n  - name: Jose M. Alonso\n    email: jose.alonso@webfoundation\nstatus: to-follow\n---\n' },
      messages: ['working-groups/w.md:9:12-9:37: `contacts[0].email` is "jose.alonso@webfoundation", which is not valid here. An email address.'],
    },
    { title: 'good addresses', files: { 'papers/a.md': paper('a', 'status: included', '\nWrite to <info@opengovpartnership.org> or jose.alonso@webfoundation.org.\n') }, messages: [] },
  ],
};
