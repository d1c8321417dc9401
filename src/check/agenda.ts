export { minutes, overnight, sessionEnd, sessionMinutes, nextDay } from '../resolve/agenda.js';

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

/** The weekday of a `YYYY-MM-DD` date, in English or, given a language, in that language (`lunes`, `lundi`). */
export function weekdayOf(date: string, language = 'en'): string {
  const day = new Date(`${date}T12:00:00Z`);
  if (language === 'en') return WEEKDAYS[day.getUTCDay()]!;
  return new Intl.DateTimeFormat(language, { weekday: 'long', timeZone: 'UTC' }).format(day);
}
