import { minutes, sessionMinutes } from '../agenda.js';
import { at } from '../documents.js';
import { exampleSession as session } from '../examples.js';
import type { Finding, Rule } from '../rule.js';

export const agendaStart: Rule = {
  id: 'agenda-start',
  doc: "A session's first agenda item opens it: an item that starts later leaves the agenda empty between the session's `start` and that item. Start the first item at the session's start, or move the session's `start`. A first item without a time, or a session without a `start`, is not checked.",
  severity: 'warning',
  check(context) {
    return context.validated.sessions.flatMap((session): Finding[] => {
      const { start, items } = session.value;
      const first = items[0];
      return first?.time !== undefined && start !== undefined && sessionMinutes(session.value, first.time) > minutes(start)
        ? [at(session, ['items', 0, 'time'], `The session starts at ${start}, but its first item ("${first.title}") only at ${first.time}, leaving the agenda empty in between. Start the first item at ${start} or move the session's \`start\`.`)]
        : [];
    });
  },
  examples: [
    { title: 'a late first item', files: { 'sessions/only.yaml': session({ times: ['16:15'] }) }, messages: ["sessions/only.yaml:9:11-9:18: The session starts at 16:00, but its first item (\"Item 1\") only at 16:15, leaving the agenda empty in between. Start the first item at 16:00 or move the session's `start`."] },
    { title: 'the first item at the start', files: { 'sessions/only.yaml': session({ times: ['16:00'] }) }, messages: [] },
    { title: 'a first item without a time', files: { 'sessions/only.yaml': session({ times: [null, '16:30'] }) }, messages: [] },
    { title: 'a session without times', files: { 'sessions/only.yaml': session({ start: null, end: null, times: ['16:15'] }) }, messages: [] },
  ],
};
