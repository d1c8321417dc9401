import { at } from '../documents.js';
import { EXAMPLE_BASE } from '../examples.js';
import type { Rule } from '../rule.js';

const questions = `${EXAMPLE_BASE['sessions/only.yaml']}    questions: [Should the budget grow?]\n`;

export const meetingBody: Rule = {
  id: 'meeting-body',
  doc: 'The agendas introduce an item\'s questions with a label that names the body asked, "Questions for the {body}:", taking `body` from meeting.yaml. Without `body` they read "Questions for discussion:" (the layout\'s `questionsUnnamed`), which packs written before `body` existed did not print. Add `body:` with the body that meets, e.g. `body: Steering Committee`.',
  severity: 'warning',
  check(context) {
    const meeting = context.validated.meeting;
    if (!meeting || meeting.value.body !== undefined) return [];
    const asks = context.validated.sessions.some((session) => session.value.items.some((item) => (item.questions ?? []).length > 0));
    return asks ? [at(meeting, ['series'], 'meeting.yaml names no `body`, so agenda questions are not introduced as questions for any body. Add `body:` with the body that meets (e.g. `body: Steering Committee`), next to `series`.')] : [];
  },
  examples: [
    { title: 'questions, and no body', files: { 'sessions/only.yaml': questions }, messages: ['meeting.yaml:5:9-5:23: meeting.yaml names no `body`, so agenda questions are not introduced as questions for any body. Add `body:` with the body that meets (e.g. `body: Steering Committee`), next to `series`.'] },
    { title: 'questions for a named body', files: { 'sessions/only.yaml': questions, 'meeting.yaml': `${EXAMPLE_BASE['meeting.yaml']}body: Example Committee\n` }, messages: [] },
    { title: 'no questions', files: {}, messages: [] },
  ],
};
