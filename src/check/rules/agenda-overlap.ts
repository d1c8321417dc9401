import { at } from '../documents.js';
import { exampleSession as session } from '../examples.js';
import type { Rule } from '../rule.js';

export const agendaOverlap: Rule = {
  id: 'agenda-overlap',
  doc: 'Two agenda items of a session may not start at the same time: an item runs until the next one starts, so the first would have no time at all and the two would overlap. Give each item its own start time. Items without a time are in order only, and never overlap.',
  severity: 'error',
  check(context) {
    return context.validated.sessions.flatMap((session) =>
      session.value.items.flatMap((item, i) => {
        if (item.time === undefined) return [];
        const other = session.value.items.findIndex((o, j) => j < i && o.time === item.time);
        const first = session.value.items[other];
        return first ? [at(session, ['items', i, 'time'], `"${item.title}" starts at ${item.time}, the same time as "${first.title}" (line ${at(session, ['items', other, 'time'], '').span?.start.line}), so the two overlap. Give each item its own start time.`)] : [];
      }),
    );
  },
  examples: [
    { title: 'two items at 16:30', files: { 'sessions/only.yaml': session({ times: ['16:00', '16:30', '16:30'] }) }, messages: ['sessions/only.yaml:13:11-13:18: "Item 3" starts at 16:30, the same time as "Item 2" (line 11), so the two overlap. Give each item its own start time.'] },
    { title: 'distinct times', files: { 'sessions/only.yaml': session({ times: ['16:00', '16:30'] }) }, messages: [] },
    { title: 'items without times', files: { 'sessions/only.yaml': session({ times: ['16:00', null, null] }) }, messages: [] },
  ],
};
