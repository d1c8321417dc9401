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
  - {id: public, label: Public, marking: PUBLIC}
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
export function exampleTree(files: Readonly<Record<string, string | null | { unreadable: true } | { outside: true }>>): SourceTree {
  const merged: Record<string, string> = { ...EXAMPLE_BASE };
  const unreadable = new Set<string>();
  const outside: string[] = [];
  for (const [path, text] of Object.entries(files)) {
    if (text === null) delete merged[path];
    else if (typeof text === 'string') merged[path] = text;
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

/** A session for examples: `items` as `['16:00', '16:30']`, or full YAML item lines. */
export function exampleSession(fields: { id?: string; weekday?: string; date?: string; start?: string; end?: string; times: string[] }): string {
  const { id = 'only', weekday = 'Monday', date = '2015-10-26', start = '16:00', end = '17:00', times } = fields;
  return [
    `id: ${id}`,
    'title: Working level meeting',
    `weekday: ${weekday}`,
    `date: ${date}`,
    `start: '${start}'`,
    `end: '${end}'`,
    'location: Room 1',
    'items:',
    ...times.flatMap((time, i) => [`  - time: '${time}'`, `    title: Item ${i + 1}`]),
    '',
  ].join('\n');
}

/** A paper file for examples. */
export function examplePaper(id: string, front: string, body = ''): string {
  return `---\nid: ${id}\ntitle: Paper ${id}\n${front}${front && !front.endsWith('\n') ? '\n' : ''}---\n${body}`;
}
