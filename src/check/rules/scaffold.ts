import { EXAMPLE_FIRST_DAY } from '../../init/scaffold.js';
import { at } from '../documents.js';
import { EXAMPLE_BASE } from '../examples.js';
import { checkProse, matches } from '../prose-rule.js';
import type { Finding, Rule } from '../rule.js';

/** The wording every placeholder of `ogp-pack init` starts with: "Replace with the …", "Replace this paragraph with …"; not a paper's own "Replace this rule with …". */
const SCAFFOLD_TEXT = /\bReplace (?:with (?:the|a|an|another|what)\b|this (?:paragraph|description|question|note|sentence|text) with\b)[^.\n]*/g;

export const scaffold: Rule = {
  id: 'scaffold',
  doc: 'Text and dates that `ogp-pack init` wrote for the editor to replace: every placeholder starts "Replace with the …" or "Replace this paragraph (description, question, note) with …", and the example meeting is dated 5 January 2099. A new pack is full of them and still builds, which is what a draft needs; so they are only listed, as information, until `--final`, when each is an error that no setting turns off. Replace the text with the meeting\'s own, and set the real dates in meeting.yaml and sessions/.',
  severity: 'info',
  final: true,
  check(context) {
    const text = checkProse(context, (prose) =>
      matches(prose, SCAFFOLD_TEXT).map((m) => ({ start: m.index, end: m.index + m[0].trimEnd().length, message: `"${m[0].trimEnd()}" is text from \`ogp-pack init\`, to be replaced with the meeting's own.` })),
    );
    const meeting = context.validated.meeting;
    const dates: Finding[] = meeting && meeting.value.dates.start === EXAMPLE_FIRST_DAY ? [at(meeting, ['dates', 'start'], `${EXAMPLE_FIRST_DAY} is the example date \`ogp-pack init\` gives a new meeting. Set the meeting's real dates here and in sessions/.`)] : [];
    return [...dates, ...text].map((finding) => (context.final ? { ...finding, severity: 'error' } : finding));
  },
  examples: [
    { title: 'a title still to write', files: { 'papers/a.md': '---\nid: a\ntitle: Replace with the background paper\'s title\nstatus: included\n---\n\nText.\n', 'sessions/only.yaml': `${EXAMPLE_BASE['sessions/only.yaml']}    papers: [a]\n` }, messages: ['papers/a.md:3:8-3:49: "Replace with the background paper\'s title" is text from `ogp-pack init`, to be replaced with the meeting\'s own.'] },
    { title: 'a paragraph still to write, before circulation', final: true, files: { 'papers/a.md': '---\nid: a\ntitle: A\nstatus: included\n---\n\nReplace this paragraph with the paper\'s text. More.\n', 'sessions/only.yaml': `${EXAMPLE_BASE['sessions/only.yaml']}    papers: [a]\n` }, messages: ['papers/a.md:7:1-7:45: "Replace this paragraph with the paper\'s text" is text from `ogp-pack init`, to be replaced with the meeting\'s own.'] },
    { title: 'the example date', files: { 'meeting.yaml': EXAMPLE_BASE['meeting.yaml']!.replace('{start: 2015-10-26, end: 2015-10-27}', '{start: 2099-01-05, end: 2099-01-06}'), 'sessions/only.yaml': EXAMPLE_BASE['sessions/only.yaml']!.replace('weekday: Monday\ndate: 2015-10-26', 'weekday: Monday\ndate: 2099-01-05') }, messages: ['meeting.yaml:6:16-6:26: 2099-01-05 is the example date `ogp-pack init` gives a new meeting. Set the meeting\'s real dates here and in sessions/.'] },
    { title: 'a paper that asks to replace a policy', files: { 'papers/a.md': '---\nid: a\ntitle: A\nstatus: included\n---\n\nThe committee may wish to replace the rules with new ones. Replace this rule with the new one.\n', 'sessions/only.yaml': `${EXAMPLE_BASE['sessions/only.yaml']}    papers: [a]\n` }, messages: [] },
  ],
};
