import { minutes } from '../agenda.js';
import { at } from '../documents.js';
import { exampleSession as session } from '../examples.js';
import type { Rule } from '../rule.js';

export const agendaEnd: Rule = {
  id: 'agenda-end',
  doc: "A session's times must add up: it ends after it starts, and its last item, which runs until the session's `end`, starts before that end. Otherwise the printed agenda shows an item with no time.",
  severity: 'error',
  check(context) {
    return context.validated.sessions.flatMap((session) => {
      const { start, end, items } = session.value;
      if (minutes(end) <= minutes(start)) return [at(session, ['end'], `The session ends at ${end}, not after it starts (${start}). Fix \`start\` or \`end\`.`)];
      const findings = [];
      const last = items.at(-1);
      if (last && minutes(last.time) === minutes(end)) {
        findings.push(at(session, ['items', items.length - 1, 'time'], `The last item ("${last.title}") starts at ${last.time}, when the session ends, so it has no time. Start it earlier or move the session's \`end\`.`));
      }
      return findings;
    });
  },
  examples: [
    { title: 'the last item at the end', files: { 'sessions/only.yaml': session({ times: ['16:00', '17:00'] }) }, messages: ['sessions/only.yaml:11:11-11:18: The last item ("Item 2") starts at 17:00, when the session ends, so it has no time. Start it earlier or move the session\'s `end`.'] },
    { title: 'an end before the start', files: { 'sessions/only.yaml': session({ start: '16:00', end: '15:00', times: ['16:00'] }) }, messages: ['sessions/only.yaml:6:6-6:13: The session ends at 15:00, not after it starts (16:00). Fix `start` or `end`.'] },
    { title: 'consistent times', files: { 'sessions/only.yaml': session({ times: ['16:00', '16:50'] }) }, messages: [] },
  ],
};
