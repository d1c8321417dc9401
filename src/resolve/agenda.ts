/**
 * Agenda time as a session has it: times are optional, and a session with `ends_next_day` crosses
 * midnight, so a time earlier than its start is on the next day. Shared by resolve (item end
 * times, the order of notes among items), the plan and the agenda check rules.
 */
import type { Session } from '../model/sources.generated.js';

/** Minutes since midnight of an `HH:MM` clock time. */
export function minutes(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

const DAY = 24 * 60;

/** What agenda time needs of a session. */
export type SessionTimes = Pick<Session, 'start' | 'end' | 'ends_next_day'>;

/** Whether the session crosses midnight: it says so, and has the start and end to cross it between. */
export function overnight(session: SessionTimes): boolean {
  return session.ends_next_day === true && session.start !== undefined && session.end !== undefined;
}

/**
 * Minutes since midnight of the session's day: in a session that crosses midnight, a time before
 * its start is the next morning, so 00:30 comes after 23:00.
 */
export function sessionMinutes(session: SessionTimes, time: string): number {
  const t = minutes(time);
  return overnight(session) && t < minutes(session.start!) ? t + DAY : t;
}

/** The session's end on the same scale as `sessionMinutes`, or undefined when it has none. */
export function sessionEnd(session: SessionTimes): number | undefined {
  if (session.end === undefined) return undefined;
  return minutes(session.end) + (overnight(session) ? DAY : 0);
}

/** Whether a time is before the session starts (in a session past midnight: between its end and its start). */
export function beforeStart(session: SessionTimes, time: string): boolean {
  if (session.start === undefined) return false;
  const t = minutes(time);
  if (t >= minutes(session.start)) return false;
  return overnight(session) ? t > minutes(session.end!) : true;
}

/** The `YYYY-MM-DD` after a date. */
export function nextDay(date: string): string {
  const day = new Date(`${date}T12:00:00Z`);
  day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString().slice(0, 10);
}

/** One line of an agenda: a note or an item, with its index in the session's `notes` or `items`. */
export type AgendaLine = { kind: 'note'; index: number } | { kind: 'item'; index: number };

/**
 * Notes and items in one list, in the order of the meeting. Items keep their listed order. A timed
 * note before the session's start opens the agenda; any other goes before the first timed item
 * that starts at or after it (so `12:00` lunch sits between the morning and the afternoon), or
 * after every item when none does. A note without a time follows the note listed above it, or
 * opens the agenda when it is the first. Notes sharing a place keep their listed order.
 */
export function agendaLines(session: SessionTimes & { notes?: { time?: string }[]; items: { time?: string }[] }): AgendaLine[] {
  const notes = session.notes ?? [];
  const items = session.items;
  // Where each note goes: before item k (items.length for after the last).
  const slots: number[] = [];
  notes.forEach((note, i) => {
    if (note.time === undefined) {
      slots.push(i === 0 ? 0 : slots[i - 1]!);
      return;
    }
    if (beforeStart(session, note.time)) {
      slots.push(0);
      return;
    }
    const at = sessionMinutes(session, note.time);
    const next = items.findIndex((item) => item.time !== undefined && sessionMinutes(session, item.time) >= at);
    slots.push(next === -1 ? items.length : next);
  });
  const lines: AgendaLine[] = [];
  for (let k = 0; k <= items.length; k++) {
    notes.forEach((_, i) => {
      if (slots[i] === k) lines.push({ kind: 'note', index: i });
    });
    if (k < items.length) lines.push({ kind: 'item', index: k });
  }
  return lines;
}

/**
 * When each item ends: when the next item starts, or at the session's end for the last one; a
 * timed note in between (`12:30` lunch) ends it earlier. Unknown (undefined) for an item without
 * a time, or followed by one without a time.
 */
export function itemEnds(session: SessionTimes & { notes?: { time?: string }[]; items: { time?: string }[] }): (string | undefined)[] {
  const { items } = session;
  const noteTimes = (session.notes ?? []).flatMap((note) => (note.time === undefined ? [] : [note.time]));
  return items.map((item, i) => {
    if (item.time === undefined) return undefined;
    const next = i + 1 < items.length ? items[i + 1]!.time : session.end;
    if (next === undefined) return undefined;
    const start = sessionMinutes(session, item.time);
    const until = i + 1 < items.length ? sessionMinutes(session, next) : sessionEnd(session)!;
    const breaks = noteTimes.filter((time) => sessionMinutes(session, time) > start && sessionMinutes(session, time) < until);
    return breaks.sort((a, b) => sessionMinutes(session, a) - sessionMinutes(session, b))[0] ?? next;
  });
}
