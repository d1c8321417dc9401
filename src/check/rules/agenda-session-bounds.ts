import { minutes } from '../agenda.js';
import { at } from '../documents.js';
import { exampleSession as session } from '../examples.js';
import type { Rule } from '../rule.js';

export const agendaSessionBounds: Rule = {
  id: 'agenda-session-bounds',
  doc: "Every agenda item starts within its session: not before the session's `start`, not at or after its `end`. An item outside would be printed at a time when the room is empty. Fix the item's time or the session's start and end.",
  severity: 'error',
  check(context) {
    return context.validated.sessions.flatMap((session) => {
      const { start, end } = session.value;
      return session.value.items.flatMap((item, i) => {
        const time = minutes(item.time);
        if (time < minutes(start)) return [at(session, ['items', i, 'time'], `"${item.title}" starts at ${item.time}, before the session starts (${start}). Move the item or the session's \`start\`.`)];
        if (time > minutes(end)) return [at(session, ['items', i, 'time'], `"${item.title}" starts at ${item.time}, after the session ends (${end}). Move the item or the session's \`end\`.`)];
        return [];
      });
    });
  },
  examples: [
    { title: 'an item before the start', files: { 'sessions/only.yaml': session({ times: ['15:30', '16:30'] }) }, messages: ["sessions/only.yaml:9:11-9:18: \"Item 1\" starts at 15:30, before the session starts (16:00). Move the item or the session's `start`."] },
    { title: 'an item after the end', files: { 'sessions/only.yaml': session({ times: ['16:00', '17:30'] }) }, messages: ["sessions/only.yaml:11:11-11:18: \"Item 2\" starts at 17:30, after the session ends (17:00). Move the item or the session's `end`."] },
    { title: 'items inside', files: { 'sessions/only.yaml': session({ times: ['16:00', '16:45'] }) }, messages: [] },
  ],
};
