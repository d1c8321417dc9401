import { minutes, sessionEnd, sessionMinutes } from '../agenda.js';
import { at } from '../documents.js';
import { exampleSession as session } from '../examples.js';
import type { Finding, Rule } from '../rule.js';

export const agendaEnd: Rule = {
  id: 'agenda-end',
  doc: "A session's times must add up: it ends after it starts (on the next day with `ends_next_day: true`, for a session that crosses midnight, and then less than a day later), and its last item, which runs until the session's `end`, starts before that end. Otherwise the printed agenda shows an item with no time. A session without times, or a last item without one, is not checked.",
  severity: 'error',
  check(context) {
    return context.validated.sessions.flatMap((session): Finding[] => {
      const { start, end, ends_next_day: nextDay, items } = session.value;
      if (start === undefined || end === undefined) return [];
      if (nextDay === true && minutes(end) >= minutes(start)) {
        return [at(session, ['ends_next_day'], `\`ends_next_day\` says the session ends the next day, but ending at ${end} it would last more than a day from ${start}. Remove \`ends_next_day\` or fix \`start\` or \`end\`.`)];
      }
      if (nextDay !== true && minutes(end) <= minutes(start)) {
        return [at(session, ['end'], `The session ends at ${end}, not after it starts (${start}). Fix \`start\` or \`end\`, or add \`ends_next_day: true\` if it runs past midnight.`)];
      }
      const last = items.at(-1);
      if (last?.time !== undefined && sessionMinutes(session.value, last.time) === sessionEnd(session.value)) {
        return [at(session, ['items', items.length - 1, 'time'], `The last item ("${last.title}") starts at ${last.time}, when the session ends, so it has no time. Start it earlier or move the session's \`end\`.`)];
      }
      return [];
    });
  },
  examples: [
    { title: 'the last item at the end', files: { 'sessions/only.yaml': session({ times: ['16:00', '17:00'] }) }, messages: ['sessions/only.yaml:11:11-11:18: The last item ("Item 2") starts at 17:00, when the session ends, so it has no time. Start it earlier or move the session\'s `end`.'] },
    { title: 'an end before the start', files: { 'sessions/only.yaml': session({ start: '16:00', end: '15:00', times: ['16:00'] }) }, messages: ['sessions/only.yaml:6:6-6:13: The session ends at 15:00, not after it starts (16:00). Fix `start` or `end`, or add `ends_next_day: true` if it runs past midnight.'] },
    { title: 'consistent times', files: { 'sessions/only.yaml': session({ times: ['16:00', '16:50'] }) }, messages: [] },
    { title: 'a session that ends the next day', files: { 'sessions/only.yaml': session({ start: '21:00', end: '01:30', endsNextDay: true, times: ['21:00', '23:00', '00:30'] }) }, messages: [] },
    { title: 'the last item at the next day\'s end', files: { 'sessions/only.yaml': session({ start: '21:00', end: '01:30', endsNextDay: true, times: ['21:00', '01:30'] }) }, messages: ['sessions/only.yaml:12:11-12:18: The last item ("Item 2") starts at 01:30, when the session ends, so it has no time. Start it earlier or move the session\'s `end`.'] },
    {
      title: 'a session that would last more than a day',
      files: { 'sessions/only.yaml': session({ start: '16:00', end: '17:00', endsNextDay: true, times: ['16:00'] }) },
      messages: ['sessions/only.yaml:7:16-7:20: `ends_next_day` says the session ends the next day, but ending at 17:00 it would last more than a day from 16:00. Remove `ends_next_day` or fix `start` or `end`.'],
    },
    { title: 'a session without times', files: { 'sessions/only.yaml': session({ start: null, end: null, times: [null, null] }) }, messages: [] },
    { title: 'a last item without a time', files: { 'sessions/only.yaml': session({ times: ['16:00', null] }) }, messages: [] },
  ],
};
