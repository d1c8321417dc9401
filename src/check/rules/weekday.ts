import { weekdayOf } from '../agenda.js';
import { at } from '../documents.js';
import { EXAMPLE_BASE, exampleSession as session } from '../examples.js';
import type { Rule } from '../rule.js';

export const weekday: Rule = {
  id: 'weekday',
  doc: 'A session\'s stated `weekday` must be the weekday of its `date` ("Monday 26 October 2015"), in English or in the meeting\'s `language` (`lunes`, `lundi`; capitals do not matter), the day it starts on, even when it crosses midnight. A mismatch means one of them was copied from another meeting; check the source and fix the wrong one.',
  severity: 'error',
  check(context) {
    const language = context.validated.meeting?.value.language ?? 'en';
    return context.validated.sessions.flatMap((session) => {
      const { weekday: stated, date } = session.value;
      if (!stated) return [];
      const names = [weekdayOf(date), weekdayOf(date, language)];
      if (names.some((name) => name.toLocaleLowerCase(language) === stated.toLocaleLowerCase(language))) return [];
      return [at(session, ['weekday'], `The session is on ${date}, a ${names.at(-1)}, but \`weekday\` says ${stated}. Fix the weekday or the date.`)];
    });
  },
  examples: [
    { title: 'Tuesday 26 October 2015', files: { 'sessions/only.yaml': session({ weekday: 'Tuesday', times: ['16:00'] }) }, messages: ['sessions/only.yaml:3:10-3:17: The session is on 2015-10-26, a Monday, but `weekday` says Tuesday. Fix the weekday or the date.'] },
    { title: 'Monday 26 October 2015', files: { 'sessions/only.yaml': session({ weekday: 'Monday', times: ['16:00'] }) }, messages: [] },
    { title: 'Monday night into Tuesday', files: { 'sessions/only.yaml': session({ weekday: 'Monday', start: '22:00', end: '01:00', endsNextDay: true, times: ['22:00', '00:30'] }) }, messages: [] },
    { title: 'the day it ends instead of the day it starts', files: { 'sessions/only.yaml': session({ weekday: 'Tuesday', start: '22:00', end: '01:00', endsNextDay: true, times: ['22:00', '00:30'] }) }, messages: ['sessions/only.yaml:3:10-3:17: The session is on 2015-10-26, a Monday, but `weekday` says Tuesday. Fix the weekday or the date.'] },
    { title: 'lunes 26 de octubre de 2015, in a Spanish pack', files: { 'meeting.yaml': `${EXAMPLE_BASE['meeting.yaml']}language: es\n`, 'sessions/only.yaml': session({ weekday: 'lunes', times: ['16:00'] }) }, messages: [] },
    { title: 'martes for a Monday, in a Spanish pack', files: { 'meeting.yaml': `${EXAMPLE_BASE['meeting.yaml']}language: es\n`, 'sessions/only.yaml': session({ weekday: 'martes', times: ['16:00'] }) }, messages: ['sessions/only.yaml:3:10-3:16: The session is on 2015-10-26, a lunes, but `weekday` says martes. Fix the weekday or the date.'] },
    { title: 'Lundi 26 octobre 2015, in a French pack', files: { 'meeting.yaml': `${EXAMPLE_BASE['meeting.yaml']}language: fr\n`, 'sessions/only.yaml': session({ weekday: 'Lundi', times: ['16:00'] }) }, messages: [] },
    { title: 'lunes in an English pack', files: { 'sessions/only.yaml': session({ weekday: 'lunes', times: ['16:00'] }) }, messages: ['sessions/only.yaml:3:10-3:15: The session is on 2015-10-26, a Monday, but `weekday` says lunes. Fix the weekday or the date.'] },
  ],
};
