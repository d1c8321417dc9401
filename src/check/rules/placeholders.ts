import { at, documents } from '../documents.js';
import { examplePaper as paper } from '../examples.js';
import type { Finding, Rule } from '../rule.js';
import type { Validated } from '../../validate/validate.js';

/** Every paper still to follow, at its `status`; an error before circulation (`final`, in `check` and `build`). */
export function toFollowFindings(validated: Validated, final: boolean): Finding[] {
  return [...validated.papers, ...validated.workingGroups]
    .filter((d) => d.value.status === 'to-follow')
    .map((d) => at(d, ['status'], `"${d.value.title}" is still to follow. Add its text and set \`status: included\` before the pack is circulated.`, final ? 'error' : undefined));
}

export const toFollow: Rule = {
  id: 'to-follow',
  doc: 'A `to-follow` paper is a placeholder: the pack lists it, but its text has not arrived. That is fine for a draft and a warning; with `--final`, just before circulation, it is an error. Add the text and set `status: included`, or give it another honest status.',
  severity: 'warning',
  final: true,
  check: (context) => toFollowFindings(context.validated, context.final),
  examples: [
    { title: 'a paper to follow', files: { 'papers/a.md': paper('a', 'status: to-follow') }, messages: ['papers/a.md:4:9-4:18: "Paper a" is still to follow. Add its text and set `status: included` before the pack is circulated.'] },
    { title: 'an included paper', files: { 'papers/a.md': paper('a', 'status: included', '\nText.\n') }, messages: [] },
  ],
};

export const atMeeting: Rule = {
  id: 'at-meeting',
  doc: 'An `at-meeting` paper is circulated or distributed at the meeting, so the pack carries only its title. That is fine, but the editor should know which papers someone must bring: they are listed after the summary, as information.',
  severity: 'info',
  check(context) {
    return documents(context)
      .filter((d) => d.value.status === 'at-meeting')
      .map((d) => at(d, ['status'], `"${d.value.title}" is to be circulated at the meeting${d.value.note ? ` (${d.value.note})` : ''}: bring copies.`));
  },
  examples: [
    { title: 'a paper for the meeting', files: { 'papers/a.md': paper('a', 'status: at-meeting\nnote: new version') }, messages: ['papers/a.md:4:9-4:19: "Paper a" is to be circulated at the meeting (new version): bring copies.'] },
    { title: 'a withheld paper', files: { 'papers/a.md': paper('a', 'status: withheld\nreason: pre-decision') }, messages: [] },
  ],
};

export const withheldReason: Rule = {
  id: 'withheld-reason',
  doc: 'A `withheld` paper needs a `reason` (e.g. `pre-decision`): the public edition prints "withheld as <reason>" in place of the text. Checked by the paper schema, which marks this requirement with the rule id.',
  severity: 'error',
  configurable: false,
  examples: [
    { title: 'withheld without a reason', files: { 'papers/a.md': paper('a', 'status: withheld') }, messages: ['papers/a.md:2:1: Missing required field `reason` (paper schema). A withheld document needs a `reason`, e.g. `pre-decision`.'] },
    { title: 'withheld with a reason', files: { 'papers/a.md': paper('a', 'status: withheld\nreason: pre-decision') }, messages: [] },
  ],
};
