import { minutes, overnight, sessionEnd, sessionMinutes } from '../agenda.js';
import { at } from '../documents.js';
import { exampleSession as session } from '../examples.js';
import type { Rule } from '../rule.js';

export const agendaSessionBounds: Rule = {
  id: 'agenda-session-bounds',
  doc: "Every agenda item with a time starts within its session: not before the session's `start`, not at or after its `end` (the next day's, with `ends_next_day`). An item outside would be printed at a time when the room is empty. Fix the item's time or the session's start and end.",
  severity: 'error',
  check(context) {
    return context.validated.sessions.flatMap((session) => {
      const { start, end } = session.value;
      const last = sessionEnd(session.value);
      return session.value.items.flatMap((item, i) => {
        if (item.time === undefined) return [];
        const time = sessionMinutes(session.value, item.time);
        if (overnight(session.value) && last !== undefined && time > last) {
          return [at(session, ['items', i, 'time'], `"${item.title}" starts at ${item.time}, outside the session (${start} to ${end} the next day). Move the item or the session's \`start\` or \`end\`.`)];
        }
        if (start !== undefined && time < minutes(start)) return [at(session, ['items', i, 'time'], `"${item.title}" starts at ${item.time}, before the session starts (${start}). Move the item or the session's \`start\`.`)];
        if (last !== undefined && time > last) return [at(session, ['items', i, 'time'], `"${item.title}" starts at ${item.time}, after the session ends (${end}). Move the item or the session's \`end\`.`)];
        return [];
      });
    });
  },
  examples: [
    { title: 'an item before the start', files: { 'sessions/only.yaml': session({ times: ['15:30', '16:30'] }) }, messages: ["sessions/only.yaml:9:11-9:18: \"Item 1\" starts at 15:30, before the session starts (16:00). Move the item or the session's `start`."] },
    { title: 'an item after the end', files: { 'sessions/only.yaml': session({ times: ['16:00', '17:30'] }) }, messages: ["sessions/only.yaml:11:11-11:18: \"Item 2\" starts at 17:30, after the session ends (17:00). Move the item or the session's `end`."] },
    { title: 'items inside', files: { 'sessions/only.yaml': session({ times: ['16:00', '16:45'] }) }, messages: [] },
    { title: 'items without times', files: { 'sessions/only.yaml': session({ times: ['16:00', null] }) }, messages: [] },
    { title: 'a session without times', files: { 'sessions/only.yaml': session({ start: null, end: null, times: ['09:00', '18:30'] }) }, messages: [] },
    { title: 'after midnight, inside a session that ends the next day', files: { 'sessions/only.yaml': session({ start: '22:00', end: '01:30', endsNextDay: true, times: ['22:00', '00:45'] }) }, messages: [] },
    {
      title: 'outside a session that ends the next day',
      files: { 'sessions/only.yaml': session({ start: '22:00', end: '01:30', endsNextDay: true, times: ['22:00', '02:00'] }) },
      messages: ["sessions/only.yaml:12:11-12:18: \"Item 2\" starts at 02:00, outside the session (22:00 to 01:30 the next day). Move the item or the session's `start` or `end`."],
    },
  ],
};
