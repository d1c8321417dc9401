import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { EXAMPLE_FIRST_DAY, isCalendarDate, scaffoldFiles } from '../init/scaffold.js';
import { EXIT, type CliIo } from './io.js';

export interface InitOptions {
  /** The meeting's first day, YYYY-MM-DD; the second session is on the day after. */
  date?: string;
}

/** `ogp-pack init <dir>`: writes a new meeting, refusing to replace any file already there. */
export function init(dir: string, options: InitOptions, io: CliIo): number {
  const firstDay = options.date ?? EXAMPLE_FIRST_DAY;
  if (!isCalendarDate(firstDay)) {
    io.stderr.write(`ogp-pack init: --date must be the meeting's first day as YYYY-MM-DD, e.g. 2026-04-20, not "${firstDay}".\n`);
    return EXIT.usage;
  }
  const root = path.resolve(io.cwd, dir);
  const shown = path.relative(io.cwd, root) || '.';
  let existing;
  try {
    existing = statSync(root, { throwIfNoEntry: false });
  } catch (error) {
    io.stderr.write(`ogp-pack init: cannot write the new meeting to ${shown}: ${(error as Error).message}\nNothing was written.\n`);
    return EXIT.contentErrors;
  }
  if (existing && !existing.isDirectory()) {
    io.stderr.write(`ogp-pack init: ${shown} is a file, not a directory. Name a new or empty directory, e.g. \`ogp-pack init meetings/2026-04\`.\n`);
    return EXIT.usage;
  }
  const files = scaffoldFiles(root, firstDay);
  const clashes = [...new Set(files.map((f) => inTheWay(root, f.path)).filter((p) => p !== undefined))];
  if (clashes.length > 0) {
    io.stderr.write(
      `ogp-pack init: ${shown} already has ${clashes.join(', ')}. ` +
        `init never replaces a file, so nothing was written. Name a new directory, or move those files away.\n`,
    );
    return EXIT.usage;
  }
  const written: string[] = [];
  const made: string[] = [];
  const makeDirectory = (directory: string) => {
    // Noted before mkdir, which can fail after making some of the directories (a name too long).
    const first = firstMissing(directory);
    if (first !== undefined) made.push(first);
    mkdirSync(directory, { recursive: true });
  };
  try {
    makeDirectory(root);
    for (const file of files) {
      const target = path.join(root, file.path);
      makeDirectory(path.dirname(target));
      // 'wx' fails rather than replace a file that appeared since the check above.
      writeFileSync(target, file.text, { flag: 'wx' });
      written.push(target);
    }
  } catch (error) {
    // Take back what this run wrote, so a failed init leaves the directory as it found it. Directories
    // this run made hold nothing else. A path that was never made (under a file, say) is let be.
    for (const target of [...written, ...made.reverse()]) {
      try {
        rmSync(target, { recursive: true, force: true });
      } catch {
        // Nothing there to take back.
      }
    }
    io.stderr.write(`ogp-pack init: cannot write the new meeting to ${shown}: ${(error as Error).message}\nNothing was written.\n`);
    return EXIT.contentErrors;
  }
  const quoted = /^[\w./-]+$/.test(shown) ? shown : JSON.stringify(shown);
  io.stdout.write(
    files.map((f) => `created ${path.join(shown, f.path)}\n`).join('') +
      `\nA new meeting in ${shown}/: every text in it is a placeholder to replace` +
      (options.date === undefined ? `, and its dates are examples (${firstDay}); set them in meeting.yaml and sessions/` : '') +
      `.\nNext:\n  ogp-pack check ${quoted}\n  ogp-pack build ${quoted}\n`,
  );
  return EXIT.ok;
}

/** The outermost directory of `directory`'s path that does not exist yet, if any. */
function firstMissing(directory: string): string | undefined {
  let missing: string | undefined;
  for (let p = directory; ; p = path.dirname(p)) {
    let found = false;
    try {
      found = statSync(p, { throwIfNoEntry: false }) !== undefined;
    } catch {
      // A name too long or the like: no such directory.
    }
    if (found || path.dirname(p) === p) return missing;
    missing = p;
  }
}

/** What stops `file` being written under `root` without replacing anything: the file itself, or a file where one of its directories should be. */
function inTheWay(root: string, file: string): string | undefined {
  const parts = file.split('/');
  for (let i = 1; i <= parts.length; i++) {
    const prefix = parts.slice(0, i).join('/');
    const found = statSync(path.join(root, prefix), { throwIfNoEntry: false });
    if (!found) return undefined;
    if (i === parts.length || !found.isDirectory()) return prefix;
  }
  return undefined;
}

