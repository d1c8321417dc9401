import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { weekdayOf } from '../check/agenda.js';
import { SCHEMA_DIR } from '../validate/schemas.js';
import { EXIT, type CliIo } from './io.js';

/** The new meeting's files, shipped as data: a content directory with `{placeholders}`. */
export const INIT_TEMPLATE_DIR = fileURLToPath(new URL('../../templates/init/', import.meta.url));

/**
 * The first day a new meeting gets unless `--date` is given. The scaffold is the same every time
 * (the clock is never read), and a cover dated 2099 cannot be mistaken for a real meeting's.
 */
export const EXAMPLE_FIRST_DAY = '2099-01-05';

export interface InitOptions {
  /** The meeting's first day, YYYY-MM-DD; the second session is on the day after. */
  date?: string;
}

/** One file of the new meeting, its path relative to the meeting's directory with `/` separators. */
export interface ScaffoldFile {
  path: string;
  text: string;
}

/**
 * The files of a new meeting in `root`: every file under templates/init/ with its placeholders
 * filled. YAML files get the path from their own directory to ogp-pack's schemas/ for
 * `{schemas}`, so an editor finds the schema that this ogp-pack validates against.
 */
export function scaffoldFiles(root: string, firstDay: string): ScaffoldFile[] {
  const pack = packId(path.basename(root));
  const lastDay = nextDay(firstDay);
  const values: Record<string, string> = {
    pack,
    first_day: firstDay,
    last_day: lastDay,
    first_weekday: weekdayOf(firstDay),
    last_weekday: weekdayOf(lastDay),
    // A canary must be unique to its paper to mean anything; derived from the pack id, it stays reproducible.
    canary: `canary-${parseInt(createHash('sha256').update(pack).digest('hex').slice(0, 8), 16)}`,
  };
  return templatePaths().map((file) => {
    const schemas = schemaPath(path.dirname(path.join(root, file)));
    const template = readFileSync(path.join(INIT_TEMPLATE_DIR, file), 'utf8');
    const text = template.replace(/\{([a-z_]+)\}/g, (whole, name: string) => {
      const value = name === 'schemas' ? schemas : values[name];
      if (value === undefined) throw new Error(`templates/init/${file}: unknown placeholder ${whole}`);
      return value;
    });
    return { path: file, text };
  });
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
    // Take back what this run wrote, so a failed init leaves the directory as it found it.
    for (const target of written) rmSync(target, { force: true });
    // Directories this run made hold nothing else.
    for (const directory of made.reverse()) rmSync(directory, { recursive: true, force: true });
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

/** The template's files, sorted, with `/` separators. */
function templatePaths(): string[] {
  return readdirSync(INIT_TEMPLATE_DIR, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(INIT_TEMPLATE_DIR, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

/** The pack id (the outputs' file name stem) from a directory name: `2026-04 Cape Town` → `2026-04-cape-town`. */
export function packId(name: string): string {
  const id = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return id || 'meeting';
}

/** The relative path from `dir` to the schemas/ of this ogp-pack, as a YAML modeline wants it. */
function schemaPath(dir: string): string {
  const schemas = fileURLToPath(SCHEMA_DIR).replace(/[\\/]+$/, '');
  const relative = path.relative(dir, schemas);
  // Another drive (Windows) has no relative path; a file URL still names the schemas.
  return path.isAbsolute(relative) ? pathToFileURL(schemas).href : relative.split(path.sep).join('/');
}

function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}
