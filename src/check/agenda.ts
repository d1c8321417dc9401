/** Minutes since midnight of an `HH:MM` clock time. */
export function minutes(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

/** The weekday of a `YYYY-MM-DD` date, in English or, given a language, in that language (`lunes`, `lundi`). */
export function weekdayOf(date: string, language = 'en'): string {
  const day = new Date(`${date}T12:00:00Z`);
  if (language === 'en') return WEEKDAYS[day.getUTCDay()]!;
  return new Intl.DateTimeFormat(language, { weekday: 'long', timeZone: 'UTC' }).format(day);
}
