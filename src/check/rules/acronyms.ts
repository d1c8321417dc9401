import { examplePaper as paper } from '../examples.js';
import { inLiteral } from '../prose-rule.js';
import type { Finding, Rule } from '../rule.js';
import { proseSpan } from '../text.js';
import { acronymStem } from '../words.js';

/** An acronym: 2 to 7 capitals, maybe a plural or possessive (`CSOs`, `IRM’s`). */
const ACRONYM = /(?<![\p{L}\p{N}&-])(\p{Lu}[\p{Lu}&]{0,5}\p{Lu})(?:s|’s|'s)?(?![\p{L}\p{N}-])/gu;
const ROMAN = /^[IVXLCDM]+$/;
/** Characters on either side of an acronym searched for its spelled-out form: more than any name. */
const NEIGHBOURHOOD = 300;

/** The initials of a name's capitalised words: "Open Government Partnership" → OGP. */
function initials(name: string): string {
  return (name.match(/\p{Lu}[\p{L}’'-]*/gu) ?? []).map((w) => w[0]).join('');
}

interface Use {
  file: string;
  span: NonNullable<Finding['span']>;
}

export const acronyms: Rule = {
  id: 'acronyms',
  doc: 'An acronym is spelled out where a reader first meets it, as in "Independent Reporting Mechanism (IRM)". The pack is read in order: the agendas, then the papers and the annex. An acronym used before it is spelled out, or never spelled out, is reported at its first use. A working group\'s `name` spells out its `acronym`, and the meeting\'s `organisation` its initials. Well-known acronyms (UN, UK) can be declared by listing them in capitals in words.txt.',
  severity: 'warning',
  check(context) {
    const spelled = new Map<string, Use | 'declared'>();
    for (const acronym of context.words.acronyms) spelled.set(acronym, 'declared');
    const organisation = context.validated.meeting?.value.organisation;
    if (organisation) spelled.set(initials(organisation), 'declared');
    for (const { value } of context.validated.workingGroups) spelled.set(acronymStem(value.acronym), 'declared');

    const firstUse = new Map<string, Use>();
    for (const prose of context.prose()) {
      const file = context.fileText(prose.source);
      for (const m of prose.text.matchAll(ACRONYM)) {
        const acronym = m[1]!;
        if (ROMAN.test(acronym) || inLiteral(prose, m.index, m.index + m[0].length)) continue;
        const use = { file: prose.source.file, span: proseSpan(prose, file, m.index, m.index + acronym.length) };
        // Only the neighbourhood can spell it out; the whole text on each side would make long paragraphs quadratic.
        const before = prose.text.slice(Math.max(0, m.index - NEIGHBOURHOOD), m.index);
        const after = prose.text.slice(m.index + m[0].length, m.index + m[0].length + NEIGHBOURHOOD);
        // "Words (ACR)" or "ACR (Words)" spells it out.
        const definition = (/[\p{L}’'-]+\s*\($/u.test(before) && after.startsWith(')')) || /^\s*\(\p{L}/u.test(after);
        if (definition) {
          if (!spelled.has(acronym)) spelled.set(acronym, use);
        } else if (!firstUse.has(acronym)) firstUse.set(acronym, use);
      }
    }

    const findings: Finding[] = [];
    for (const [acronym, use] of firstUse) {
      // "NAPS" is the plural of a spelled-out "NAP", written in capitals.
      const definition = spelled.get(acronym) ?? (acronym.endsWith('S') ? spelled.get(acronym.slice(0, -1)) : undefined);
      if (definition === 'declared') continue;
      if (!definition) {
        findings.push({ ...use, message: `"${acronym}" is never spelled out in the pack. Write it out at its first use, as in "Full Name (${acronym})", or list ${acronym} in ${context.words.file} if every reader knows it.` });
      } else if (before(use, definition, context)) {
        findings.push({ ...use, message: `"${acronym}" is used here before it is spelled out (${definition.file}:${definition.span.start.line}:${definition.span.start.column}). Spell it out at this first use.` });
      }
    }
    return findings;
  },
  examples: [
    { title: 'never spelled out', files: { 'papers/a.md': paper('a', 'status: included', '\nThe IRM reports.\n') }, messages: ['papers/a.md:7:5-7:8: "IRM" is never spelled out in the pack. Write it out at its first use, as in "Full Name (IRM)", or list IRM in words.txt if every reader knows it.'] },
    { title: 'used before it is spelled out', files: { 'papers/a.md': paper('a', 'status: included', '\nThe IRM reports.\n\nThe Independent Reporting Mechanism (IRM) was founded in 2011.\n') }, messages: ['papers/a.md:7:5-7:8: "IRM" is used here before it is spelled out (papers/a.md:9:38). Spell it out at this first use.'] },
    { title: 'spelled out first, declared, or the organisation', files: { 'words.txt': 'UN\n', 'papers/a.md': paper('a', 'status: included', '\nThe Independent Reporting Mechanism (IRM) of the OGP reports to the UN. The IRM’s reports and CSOs (civil society organisations).\n') }, messages: [] },
  ],
};

/** Whether a use comes before a definition in reading order. */
function before(use: Use, definition: Use, context: Parameters<NonNullable<Rule['check']>>[0]): boolean {
  const order = [...new Set(context.prose().map((p) => p.source.file))];
  const a = order.indexOf(use.file);
  const b = order.indexOf(definition.file);
  return a < b || (a === b && (use.span.start.line < definition.span.start.line || (use.span.start.line === definition.span.start.line && use.span.start.column < definition.span.start.column)));
}
