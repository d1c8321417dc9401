/**
 * Tables of results kept between runs, in the cache directory (`root.ts`): Markdown sources'
 * trees, shaped words of a font, widths the plan measured, spelling findings, the DOCX's deflated
 * faces. A table is one JSON file, read the first time the run asks for it; lookups are then in
 * memory, and what the run added is written back when the command ends (`saveCache`), to a
 * temporary file renamed over the old one, so that a reader never sees half a table.
 *
 * A table's name carries the digest of what its entries depend on (a font's bytes), and its
 * stamp the versions of ogp-pack and of the libraries that computed them: a file with another
 * stamp, or one that is damaged, partial or not a table at all, is taken for empty and replaced
 * at the next save. A directory that cannot be written only means nothing is kept. The cache is
 * off until a command opens it (`useCache`), and a render worker opens the directory its build
 * has open: library calls and tests compute everything.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The layout of a table file; a change of it makes every older file foreign. */
const FORMAT = 1;

/**
 * Entries a table keeps, those used or added by the latest run first: several times a pack's
 * distinct words (the default pack has under 7,000 in its body face), a file of a few megabytes.
 */
const MAX_ENTRIES = 50_000;

export interface CacheTable<V> {
  get(key: string): V | undefined;
  set(key: string, value: V): void;
}

interface TableFile {
  format: number;
  stamp: string;
  entries: [string, unknown][];
}

class Table<V> implements CacheTable<V> {
  readonly entries: Map<string, V>;
  /** Entries found malformed, then left out as if missing. */
  private readonly bad = new Set<string>();
  /** Keys looked up or added in this process, kept first when the table is cut to size. */
  private readonly used = new Set<string>();
  changed = false;

  constructor(
    readonly file: string,
    readonly stamp: string,
    private readonly valid: (value: unknown) => value is V,
  ) {
    this.entries = new Map(readTable(file, stamp) as [string, V][]);
  }

  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value === undefined || this.bad.has(key)) return undefined;
    // Checked when first used: a table holds far more entries than a run reads.
    if (!this.used.has(key) && !this.valid(value)) {
      this.bad.add(key);
      this.changed = true;
      return undefined;
    }
    this.used.add(key);
    return value;
  }

  set(key: string, value: V): void {
    // A new entry, one found malformed, or one replaced (a kept value its user found wrong).
    const wasBad = this.bad.delete(key);
    if (wasBad || this.entries.get(key) !== value) this.changed = true;
    this.entries.set(key, value);
    this.used.add(key);
  }

  /**
   * The entries to write: at most MAX_ENTRIES, this process's last, each group in key order, so
   * that a file's bytes depend only on its entries and not on the order a run found them in.
   */
  kept(): [string, V][] {
    const all = [...this.entries].filter(([key]) => !this.bad.has(key)).sort(([a], [b]) => Number(this.used.has(a)) - Number(this.used.has(b)) || (a < b ? -1 : a > b ? 1 : 0));
    return all.slice(Math.max(0, all.length - MAX_ENTRIES));
  }
}

/** A table file's entries, or none when it is missing, damaged or of another stamp. */
function readTable(file: string, stamp: string): [string, unknown][] {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<TableFile> | null;
    if (!parsed || parsed.format !== FORMAT || parsed.stamp !== stamp || !Array.isArray(parsed.entries)) return [];
    return parsed.entries.filter((entry): entry is [string, unknown] => Array.isArray(entry) && entry.length === 2 && typeof entry[0] === 'string' && entry[1] !== undefined && entry[1] !== null);
  } catch {
    return [];
  }
}

let directory: string | undefined;
let writable = true;
const tables = new Map<string, Table<unknown>>();

/** The directory of the open cache, undefined when it is off: what a worker thread is given to open the same. */
export function cacheDirectory(): string | undefined {
  return directory;
}

/** Opens the cache in `dir` (from `cacheRoot`) for this thread, or turns it off (`undefined`, `--no-cache`). */
export function useCache(dir: string | undefined): void {
  if (dir !== directory) {
    tables.clear();
    writable = true;
  }
  directory = dir;
}

const require = createRequire(import.meta.url);
const versions = new Map<string, string>();

/** The installed version of a package (`ogp-pack` for this one), for table stamps. */
function packageVersion(name: string): string {
  let version = versions.get(name);
  if (version === undefined) {
    version = 'unknown';
    try {
      // From the package's entry point up to its own package.json: not every package exports it.
      let dir = path.dirname(name === 'ogp-pack' ? fileURLToPath(import.meta.url) : require.resolve(name));
      for (;;) {
        const found = readPackage(dir);
        if (found?.name === name) {
          version = found.version ?? version;
          break;
        }
        const parent = path.dirname(dir);
        if (parent === dir) break;
        dir = parent;
      }
    } catch {
      // An unknown version only keeps the table apart from every other.
    }
    versions.set(name, version);
  }
  return version;
}

function readPackage(dir: string): { name?: string; version?: string } | undefined {
  try {
    return JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
  } catch {
    return undefined;
  }
}

const codeDigests = new Map<string, string>();

/** The digest of a module's file, so that a table computed by code since changed (while ogp-pack's version stayed) is not read. */
function codeDigest(url: string): string {
  let digest = codeDigests.get(url);
  if (digest === undefined) {
    // The compiled module, or its TypeScript source when ogp-pack runs from its sources (tests).
    const file = fileURLToPath(url);
    const source = [file, file.replace(/\.js$/, '.ts')].find((f) => existsSync(f));
    digest = source ? createHash('sha256').update(readFileSync(source)).digest('hex').slice(0, 16) : 'unknown';
    codeDigests.set(url, digest);
  }
  return digest;
}

/** What computed a table's entries: the packages, and ogp-pack's own modules (their URLs, `import.meta.url`); and the shape of an entry. */
export interface Computed<V> {
  packages: readonly string[];
  code: readonly string[];
  valid(value: unknown): value is V;
}

/**
 * The table `name` (letters, digits and hyphens: it names the file), whose entries were computed
 * by `by`; undefined when the cache is off. The stamp adds ogp-pack's own version.
 */
export function cacheTable<V>(name: string, by: Computed<V>): CacheTable<V> | undefined {
  if (directory === undefined) return undefined;
  const stamp = [...['ogp-pack', ...by.packages].map((p) => `${p}@${packageVersion(p)}`), ...by.code.map(codeDigest)].join(' ');
  let table = tables.get(name);
  if (!table || table.stamp !== stamp) {
    table = new Table(path.join(directory, `${name.replace(/[^a-z0-9-]/gi, '_')}.json`), stamp, by.valid as (value: unknown) => value is unknown);
    tables.set(name, table);
  }
  return table as Table<V>;
}

/** Whether `value` is an array whose every item passes `item`. */
export const arrayOf =
  <T>(item: (value: unknown) => value is T) =>
  (value: unknown): value is T[] =>
    Array.isArray(value) && value.every(item);

export const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
export const isIndex = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;
/** A width or other length: finite and not negative, so a damaged entry of -1 is refused, not measured with. */
export const isLength = (value: unknown): value is number => isNumber(value) && value >= 0;

/**
 * Table files the directory keeps, the most recently written: a table per font face a pack has
 * used (three files each), and one each for Markdown trees, spelling and the DOCX's faces; fonts
 * no pack uses any more go first.
 */
const MAX_FILES = 60;

/** Writes back every table this run added to. Never throws: a cache that cannot be written is left as it was. */
export function saveCache(): void {
  if (directory === undefined || !writable) return;
  let wrote = false;
  for (const table of tables.values()) {
    if (!table.changed) continue;
    wrote = true;
    const temporary = `${table.file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
    try {
      mkdirSync(path.dirname(table.file), { recursive: true });
      writeFileSync(temporary, JSON.stringify({ format: FORMAT, stamp: table.stamp, entries: table.kept() } satisfies TableFile));
      renameSync(temporary, table.file);
      table.changed = false;
    } catch {
      writable = false;
      try {
        rmSync(temporary, { force: true });
      } catch {
        // Its directory is not one: there is nothing to remove.
      }
      return;
    }
  }
  if (wrote) prune(directory);
}

const TABLE_FILE = /^[a-z0-9_-]+\.json$/i;
const TEMPORARY = /^[a-z0-9_-]+\.json\.\d+-[0-9a-f]{8}\.tmp$/i;

/** Removes the oldest table files beyond MAX_FILES, and temporary files a process left behind an hour ago or more. */
function prune(dir: string): void {
  try {
    const now = Date.now();
    const files = readdirSync(dir).flatMap((name) => {
      const file = path.join(dir, name);
      const stats = statSync(file, { throwIfNoEntry: false });
      return stats?.isFile() ? [{ file, name, time: stats.mtimeMs }] : [];
    });
    // Only what this file writes: the directory may hold other things (Node's compiled code, in a directory of its own).
    for (const { file, name, time } of files) if (TEMPORARY.test(name) && now - time > 3_600_000) rmSync(file, { force: true });
    const tableFiles = files.filter(({ name }) => TABLE_FILE.test(name)).sort((a, b) => b.time - a.time);
    for (const { file } of tableFiles.slice(MAX_FILES)) rmSync(file, { force: true });
  } catch {
    // Pruning is tidiness, never an error.
  }
}
