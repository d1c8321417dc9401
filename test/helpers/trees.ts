import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { memoryTree, type SourceTree } from '../../src/io/source-tree.js';

export const CONTENT_DIR = fileURLToPath(new URL('../../content', import.meta.url));

function readAll(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    files[path.relative(dir, full).split(path.sep).join('/')] = readFileSync(full, 'utf8');
  }
  return files;
}

/** The default content as an in-memory tree, with some files edited, added or (as null) removed. */
export function contentTree(edits: Record<string, string | Uint8Array | null | ((text: string) => string)> = {}): SourceTree {
  const files: Record<string, string | Uint8Array> = readAll(CONTENT_DIR);
  for (const [file, edit] of Object.entries(edits)) {
    if (edit === null) delete files[file];
    else if (typeof edit === 'function') {
      const before = files[file];
      if (typeof before !== 'string') throw new Error(`no text file ${file} to edit`);
      const after = edit(before);
      if (after === before) throw new Error(`edit of ${file} changed nothing`);
      files[file] = after;
    } else files[file] = edit;
  }
  return memoryTree(files, 'content');
}

/** A minimal valid meeting, for tests that build their own trees. */
export const MINIMAL_MEETING = `pack: test-pack
title: Test meeting
short_title: Test
organisation: Test organisation
series: Test series
dates: {start: 2015-10-26, end: 2015-10-26}
venue: Somewhere
sessions: [only]
editions:
  - {id: public, audience: public, label: Public, marking: PUBLIC}
`;

/** A restricted committee edition that carries withheld papers, as a line to append to `MINIMAL_MEETING`'s editions. */
export const COMMITTEE_EDITION = '  - {id: committee, audience: restricted, label: Committee, marking: RESTRICTED, carries: [included, withheld]}\n';

export const MINIMAL_SESSION = `id: only
title: The only session
date: 2015-10-26
start: "16:00"
end: "17:00"
location: Room 1
items:
  - time: "16:00"
    title: Welcome
`;

/** 1-based line of the first line containing `needle`. */
export function lineOf(text: string, needle: string): number {
  const index = text.split('\n').findIndex((line) => line.includes(needle));
  if (index === -1) throw new Error(`"${needle}" not found`);
  return index + 1;
}
