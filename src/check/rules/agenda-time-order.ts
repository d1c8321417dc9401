import { minutes, sessionMinutes } from '../agenda.js';
import { at } from '../documents.js';
import { exampleSession as session } from '../examples.js';
import type { Rule } from '../rule.js';

export const agendaTimeOrder: Rule = {
  id: 'agenda-time-order',
  doc: 'Agenda items with times are listed in time order: an item ends when the next one starts, so an item earlier than the one before it makes both durations wrong. Items without a time are skipped, and in a session with `ends_next_day` a time before the session starts is after midnight. Fix the time, or move the item to its place.',
  severity: 'error',
  check(context) {
    return context.validated.sessions.flatMap((session) => {
      let previous: { title: string; time: string } | undefined;
      return session.value.items.flatMap((item, i) => {
        if (item.time === undefined) return [];
        const before = previous;
        previous = { title: item.title, time: item.time };
        if (!before || sessionMinutes(session.value, item.time) >= sessionMinutes(session.value, before.time)) return [];
        const hint = session.value.ends_next_day !== true && crossesMidnight(before.time, item.time) ? ' If the session runs past midnight, add `ends_next_day: true`.' : '';
        return [at(session, ['items', i, 'time'], `"${item.title}" starts at ${item.time}, before the item above it ("${before.title}", ${before.time}). List items in time order.${hint}`)];
      });
    });
  },
  examples: [
    { title: 'an item out of order', files: { 'sessions/only.yaml': session({ times: ['16:00', '16:40', '16:20'] }) }, messages: ['sessions/only.yaml:13:11-13:18: "Item 3" starts at 16:20, before the item above it ("Item 2", 16:40). List items in time order.'] },
    { title: 'items in order', files: { 'sessions/only.yaml': session({ times: ['16:00', '16:20', '16:40'] }) }, messages: [] },
    { title: 'an item out of order past one without a time', files: { 'sessions/only.yaml': session({ times: ['16:00', '16:40', null, '16:20'] }) }, messages: ['sessions/only.yaml:14:11-14:18: "Item 4" starts at 16:20, before the item above it ("Item 2", 16:40). List items in time order.'] },
    { title: 'items without times', files: { 'sessions/only.yaml': session({ start: null, end: null, times: [null, null, null] }) }, messages: [] },
    { title: 'after midnight in a session that ends the next day', files: { 'sessions/only.yaml': session({ start: '22:00', end: '01:30', endsNextDay: true, times: ['22:00', '23:30', '00:15'] }) }, messages: [] },
    {
      title: 'after midnight in a session that does not say it ends the next day',
      files: { 'sessions/only.yaml': session({ start: '22:00', end: '23:59', times: ['22:00', '23:30', '00:15'] }) },
      messages: ['sessions/only.yaml:13:11-13:18: "Item 3" starts at 00:15, before the item above it ("Item 2", 23:30). List items in time order. If the session runs past midnight, add `ends_next_day: true`.'],
    },
  ],
};

/** Whether going from `earlier` to `later` reads like passing midnight: late evening, then early morning. */
function crossesMidnight(earlier: string, later: string): boolean {
  return minutes(earlier) >= 18 * 60 && minutes(later) < 12 * 60;
}
