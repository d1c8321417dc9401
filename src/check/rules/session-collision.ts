import { minutes } from '../agenda.js';
import { at } from '../documents.js';
import { EXAMPLE_BASE, exampleSession as session } from '../examples.js';
import type { Finding, Rule } from '../rule.js';

export const sessionCollision: Rule = {
  id: 'session-collision',
  doc: "The sessions of one meeting must not collide: two sessions on the same date may not overlap in time, and every session falls within the meeting's `dates`. Fix the session's date or times.",
  severity: 'error',
  check(context) {
    const meeting = context.validated.meeting?.value;
    const sessions = context.validated.sessions;
    const findings: Finding[] = [];
    sessions.forEach((session, i) => {
      const { date, start, end, id } = session.value;
      if (meeting && (date < meeting.dates.start || date > meeting.dates.end)) {
        findings.push(at(session, ['date'], `Session "${id}" is on ${date}, outside the meeting's dates (${meeting.dates.start} to ${meeting.dates.end}). Fix the date here or in meeting.yaml.`));
      }
      const other = sessions.slice(0, i).find((o) => o.value.date === date && minutes(o.value.start) < minutes(end) && minutes(start) < minutes(o.value.end));
      if (other) {
        findings.push(at(session, ['start'], `Session "${id}" (${date}, ${start}–${end}) overlaps session "${other.value.id}" in ${other.source.file} (${other.value.start}–${other.value.end}). Move one of them.`));
      }
    });
    return findings;
  },
  examples: [
    {
      title: 'two sessions in one afternoon',
      files: { 'meeting.yaml': EXAMPLE_BASE['meeting.yaml']!.replace('[only]', '[only, second]'), 'sessions/second.yaml': session({ id: 'second', start: '16:30', end: '18:00', times: ['16:30'] }) },
      messages: ['sessions/second.yaml:5:8-5:15: Session "second" (2015-10-26, 16:30–18:00) overlaps session "only" in sessions/only.yaml (16:00–17:00). Move one of them.'],
    },
    {
      title: 'a session after the meeting',
      files: { 'sessions/only.yaml': session({ date: '2015-10-29', weekday: 'Thursday', times: ['16:00'] }) },
      messages: ["sessions/only.yaml:4:7-4:17: Session \"only\" is on 2015-10-29, outside the meeting's dates (2015-10-26 to 2015-10-27). Fix the date here or in meeting.yaml."],
    },
    {
      title: 'sessions on two days',
      files: { 'meeting.yaml': EXAMPLE_BASE['meeting.yaml']!.replace('[only]', '[only, second]'), 'sessions/second.yaml': session({ id: 'second', date: '2015-10-27', weekday: 'Tuesday', start: '16:30', end: '18:00', times: ['16:30'] }) },
      messages: [],
    },
  ],
};
