import { memoryTree, type SourceTree } from '../io/source-tree.js';

/** The minimal valid meeting every rule example starts from: one session, one item, no papers. */
export const EXAMPLE_BASE: Readonly<Record<string, string>> = {
  'meeting.yaml': `pack: example
title: Example meeting
short_title: Example
organisation: Open Government Partnership
series: Example series
dates: {start: 2015-10-26, end: 2015-10-27}
venue: Mexico City
sessions: [only]
editions:
  - {id: public, audience: public, label: Public, marking: PUBLIC}
`,
  'sessions/only.yaml': `id: only
title: Working level meeting
weekday: Monday
date: 2015-10-26
start: '16:00'
end: '17:00'
location: Room 1
items:
  - time: '16:00'
    title: Welcome
`,
};

/** The example's files over the base; a file set to null is removed. Paths print as written. */
export function exampleTree(files: Readonly<Record<string, string | Uint8Array | null | { unreadable: true } | { outside: true }>>): SourceTree {
  const merged: Record<string, string | Uint8Array> = { ...EXAMPLE_BASE };
  const unreadable = new Set<string>();
  const outside: string[] = [];
  for (const [path, text] of Object.entries(files)) {
    if (text === null) delete merged[path];
    else if (typeof text === 'string' || text instanceof Uint8Array) merged[path] = text;
    else if ('outside' in text) outside.push(path);
    else unreadable.add(path);
  }
  const tree = memoryTree(merged, '.');
  return {
    label: tree.label,
    list: async () => [...(await tree.list()), ...unreadable].sort(),
    read: (path) => (unreadable.has(path) ? Promise.reject(new Error('permission denied')) : tree.read(path)),
    outside: async () => outside.sort(),
  };
}

/**
 * A session for examples: item times as `['16:00', '16:30']` (`null` for an item without a time),
 * `start`/`end` `null` to leave them out, `endsNextDay` for a session that crosses midnight, and
 * `notes` as `[time, text]` pairs (`null` time for none) after the items.
 */
export function exampleSession(fields: {
  id?: string;
  weekday?: string;
  date?: string;
  start?: string | null;
  end?: string | null;
  endsNextDay?: boolean;
  times: (string | null)[];
  notes?: [string | null, string][];
}): string {
  const { id = 'only', weekday = 'Monday', date = '2015-10-26', start = '16:00', end = '17:00', endsNextDay, times, notes = [] } = fields;
  return [
    `id: ${id}`,
    'title: Working level meeting',
    `weekday: ${weekday}`,
    `date: ${date}`,
    ...(start === null ? [] : [`start: '${start}'`]),
    ...(end === null ? [] : [`end: '${end}'`]),
    ...(endsNextDay === undefined ? [] : [`ends_next_day: ${endsNextDay}`]),
    'location: Room 1',
    'items:',
    ...times.flatMap((time, i) => (time === null ? [`  - title: Item ${i + 1}`] : [`  - time: '${time}'`, `    title: Item ${i + 1}`])),
    ...(notes.length > 0 ? ['notes:', ...notes.flatMap(([time, text]) => (time === null ? [`  - text: ${text}`] : [`  - time: '${time}'`, `    text: ${text}`]))] : []),
    '',
  ].join('\n');
}

/** A paper file for examples. */
export function examplePaper(id: string, front: string, body = ''): string {
  return `---\nid: ${id}\ntitle: Paper ${id}\n${front}${front && !front.endsWith('\n') ? '\n' : ''}---\n${body}`;
}
