import { weekdayOf } from '../agenda.js';
import { at } from '../documents.js';
import { exampleSession as session } from '../examples.js';
import type { Rule } from '../rule.js';

export const weekday: Rule = {
  id: 'weekday',
  doc: 'A session\'s stated `weekday` must be the weekday of its `date` ("Monday 26 October 2015"), the day it starts on, even when it crosses midnight. A mismatch means one of them was copied from another meeting; check the source and fix the wrong one.',
  severity: 'error',
  check(context) {
    return context.validated.sessions.flatMap((session) => {
      const { weekday: stated, date } = session.value;
      const actual = weekdayOf(date);
      return stated && stated !== actual ? [at(session, ['weekday'], `The session is on ${date}, a ${actual}, but \`weekday\` says ${stated}. Fix the weekday or the date.`)] : [];
    });
  },
  examples: [
    { title: 'Tuesday 26 October 2015', files: { 'sessions/only.yaml': session({ weekday: 'Tuesday', times: ['16:00'] }) }, messages: ['sessions/only.yaml:3:10-3:17: The session is on 2015-10-26, a Monday, but `weekday` says Tuesday. Fix the weekday or the date.'] },
    { title: 'Monday 26 October 2015', files: { 'sessions/only.yaml': session({ weekday: 'Monday', times: ['16:00'] }) }, messages: [] },
    { title: 'Monday night into Tuesday', files: { 'sessions/only.yaml': session({ weekday: 'Monday', start: '22:00', end: '01:00', endsNextDay: true, times: ['22:00', '00:30'] }) }, messages: [] },
    { title: 'the day it ends instead of the day it starts', files: { 'sessions/only.yaml': session({ weekday: 'Tuesday', start: '22:00', end: '01:00', endsNextDay: true, times: ['22:00', '00:30'] }) }, messages: ['sessions/only.yaml:3:10-3:17: The session is on 2015-10-26, a Monday, but `weekday` says Tuesday. Fix the weekday or the date.'] },
  ],
};
