import { minutes } from '../agenda.js';
import { at } from '../documents.js';
import { exampleSession as session } from '../examples.js';
import type { Rule } from '../rule.js';

export const agendaTimeOrder: Rule = {
  id: 'agenda-time-order',
  doc: 'Agenda items are listed in time order: an item ends when the next one starts, so an item earlier than the one before it makes both durations wrong. Fix the time, or move the item to its place.',
  severity: 'error',
  check(context) {
    return context.validated.sessions.flatMap((session) =>
      session.value.items.flatMap((item, i) => {
        const previous = session.value.items[i - 1];
        return previous && minutes(item.time) < minutes(previous.time)
          ? [at(session, ['items', i, 'time'], `"${item.title}" starts at ${item.time}, before the item above it ("${previous.title}", ${previous.time}). List items in time order.`)]
          : [];
      }),
    );
  },
  examples: [
    { title: 'an item out of order', files: { 'sessions/only.yaml': session({ times: ['16:00', '16:40', '16:20'] }) }, messages: ['sessions/only.yaml:13:11-13:18: "Item 3" starts at 16:20, before the item above it ("Item 2", 16:40). List items in time order.'] },
    { title: 'items in order', files: { 'sessions/only.yaml': session({ times: ['16:00', '16:20', '16:40'] }) }, messages: [] },
  ],
};
