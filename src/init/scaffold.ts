/**
 * A new meeting's content directory, as data: the files under templates/init/ with their
 * `{placeholders}` filled for a directory and a first day. Writing them is the `init` command's.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { weekdayOf } from '../check/agenda.js';
import { SCHEMA_DIR } from '../validate/schemas.js';

/** The new meeting's files, shipped as data: a content directory with `{placeholders}`. */
export const INIT_TEMPLATE_DIR = fileURLToPath(new URL('../../templates/init/', import.meta.url));

/**
 * The first day a new meeting gets unless `--date` is given. The scaffold is the same every time
 * (the clock is never read), and a cover dated 2099 cannot be mistaken for a real meeting's.
 */
export const EXAMPLE_FIRST_DAY = '2099-01-05';

/** One file of the new meeting, its path relative to the meeting's directory with `/` separators. */
export interface ScaffoldFile {
  path: string;
  text: string;
}

/**
 * The files of a new meeting in `root`: every file under templates/init/ with its placeholders
 * filled. YAML files get, for `{schemas}`, a hint that holds in a colleague's clone too (see `schemaHint`),
 * so an editor finds the schema that ogp-pack validates against.
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
    const schemas = schemaHint(path.dirname(path.join(root, file)));
    const template = readFileSync(path.join(INIT_TEMPLATE_DIR, file), 'utf8');
    const text = template.replace(/\{([a-z_]+)\}/g, (whole, name: string) => {
      const value = name === 'schemas' ? schemas : values[name];
      if (value === undefined) throw new Error(`templates/init/${file}: unknown placeholder ${whole}`);
      return value;
    });
    return { path: file, text };
  });
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

/** Where the schemas are published, as each schema's `$id` names them. */
export const SCHEMA_URL = 'https://ogp-pack.dev/schemas';

/**
 * What `{schemas}` becomes in a file of `dir`: a relative path to this ogp-pack's schemas/ when both
 * lie in one project (the nearest directory above `dir` with `.git` or `package.json`), as when
 * ogp-pack is in the project's node_modules, so the path holds in every clone after `npm ci`;
 * else the schemas' published URL, since a path into a global or npx install exists on this machine only.
 */
export function schemaHint(dir: string, schemas = fileURLToPath(SCHEMA_DIR).replace(/[\\/]+$/, '')): string {
  const project = projectRoot(dir);
  const relative = path.relative(dir, schemas);
  const inside = project !== undefined && !path.isAbsolute(relative) && !path.relative(project, schemas).startsWith('..');
  return inside ? relative.split(path.sep).join('/') : SCHEMA_URL;
}

/** The nearest directory at or above `dir` that holds `.git` or `package.json`, even before `dir` exists. */
function projectRoot(dir: string): string | undefined {
  for (let at = path.resolve(dir); ; at = path.dirname(at)) {
    if (existsSync(path.join(at, '.git')) || existsSync(path.join(at, 'package.json'))) return at;
    if (path.dirname(at) === at) return undefined;
  }
}

export function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}
