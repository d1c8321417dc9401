import { minutes, sessionEnd } from '../agenda.js';
import { at } from '../documents.js';
import { EXAMPLE_BASE, exampleSession as session } from '../examples.js';
import type { Finding, Rule } from '../rule.js';
import type { Session } from '../../model/pack.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The session's start and end in minutes since 1970, or undefined when it has no times. */
function span(session: Session): [number, number] | undefined {
  const end = sessionEnd(session);
  if (session.start === undefined || end === undefined) return undefined;
  const day = (Date.parse(`${session.date}T00:00:00Z`) / DAY_MS) * 24 * 60;
  return [day + minutes(session.start), day + end];
}

export const sessionCollision: Rule = {
  id: 'session-collision',
  doc: "The sessions of one meeting must not collide: two sessions may not overlap in time (a session with `ends_next_day` runs into the next day), and every session falls within the meeting's `dates`. Sessions without times are not compared. Fix the session's date or times.",
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
      const own = span(session.value);
      if (!own) return;
      const other = sessions.slice(0, i).find((o) => {
        const theirs = span(o.value);
        return theirs !== undefined && theirs[0] < own[1] && own[0] < theirs[1];
      });
      if (other) {
        const dated = other.value.date === date ? '' : `${other.value.date}, `;
        findings.push(at(session, ['start'], `Session "${id}" (${date}, ${start}–${end}) overlaps session "${other.value.id}" in ${other.source.file} (${dated}${other.value.start}–${other.value.end}). Move one of them.`));
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
    {
      title: 'a session past midnight into the next morning\'s',
      files: {
        'meeting.yaml': EXAMPLE_BASE['meeting.yaml']!.replace('[only]', '[only, second]'),
        'sessions/only.yaml': session({ start: '22:00', end: '01:30', endsNextDay: true, times: ['22:00'] }),
        'sessions/second.yaml': session({ id: 'second', date: '2015-10-27', weekday: 'Tuesday', start: '01:00', end: '03:00', times: ['01:00'] }),
      },
      messages: ['sessions/second.yaml:5:8-5:15: Session "second" (2015-10-27, 01:00–03:00) overlaps session "only" in sessions/only.yaml (2015-10-26, 22:00–01:30). Move one of them.'],
    },
    {
      title: 'a session past midnight, then one the next morning',
      files: {
        'meeting.yaml': EXAMPLE_BASE['meeting.yaml']!.replace('[only]', '[only, second]'),
        'sessions/only.yaml': session({ start: '22:00', end: '01:30', endsNextDay: true, times: ['22:00'] }),
        'sessions/second.yaml': session({ id: 'second', date: '2015-10-27', weekday: 'Tuesday', start: '09:00', end: '12:00', times: ['09:00'] }),
      },
      messages: [],
    },
    {
      title: 'sessions without times on one day',
      files: { 'meeting.yaml': EXAMPLE_BASE['meeting.yaml']!.replace('[only]', '[only, second]'), 'sessions/only.yaml': session({ start: null, end: null, times: [null] }), 'sessions/second.yaml': session({ id: 'second', start: null, end: null, times: [null] }) },
      messages: [],
    },
  ],
};
