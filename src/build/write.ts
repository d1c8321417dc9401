/**
 * Writing a pack into its output directory. Each edition has a directory of its own,
 * `<out>/<edition>/`, holding its outputs and its `manifest.json`, and a build replaces the
 * directories of the editions it built, whole, by rename:
 *
 * 1. every edition directory is written in full under `<out>/.ogp-pack-staging-XXXXXX/`, on the same
 *    file system as its destination;
 * 2. then, edition by edition, the previous `<out>/<edition>` is renamed into
 *    `<out>/.ogp-pack-old-XXXXXX/` and the new one renamed into its place;
 * 3. when every edition is in place, the previous directories are deleted.
 *
 * A failure at any step moves back what was moved, in reverse order, so `<out>/` is as it was.
 * Limits: POSIX cannot rename a directory over a non-empty one, so between the two renames of
 * an edition its directory is briefly absent, and a reader may see one edition new and another
 * still old; a crash (not an error) between the renames leaves the previous directory in the
 * `.ogp-pack-old-…` directory. Anything else in `<out>/` is never touched.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs/promises';
import path from 'node:path';

export interface Output {
  /** The path inside the output directory, `<edition>/<file>`, with `/` separators. */
  name: string;
  bytes: Uint8Array;
}

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export const MANIFEST = 'manifest.json';
const STAGING = '.ogp-pack-staging-';
const PREVIOUS = '.ogp-pack-old-';

/** The file system calls writing makes; tests pass one that fails at a chosen step. */
export type WriteFs = Pick<typeof fs, 'mkdir' | 'mkdtemp' | 'writeFile' | 'rename' | 'rm' | 'stat' | 'lstat' | 'readdir' | 'readFile' | 'access'>;

/** Writing failed; `replaced` names the edition directories not restored, empty when out/ is as it was. The message has no final full stop. */
export class WriteError extends Error {
  constructor(
    message: string,
    readonly replaced: readonly string[],
  ) {
    super(message);
  }
}

/** The edition directory an output belongs to: the first segment of its name. */
const editionDirectory = (name: string) => name.split('/')[0]!;

/**
 * Whether `out` could be written, found without writing: the nearest existing directory on its
 * path must be a directory the process may write to. Throws a WriteError saying why not.
 */
export async function probeWritable(out: string, fsys: WriteFs = fs): Promise<void> {
  let existing = out;
  for (;;) {
    try {
      if (!(await fsys.stat(existing)).isDirectory()) {
        throw new WriteError(existing === out ? `${out} is a file, not a directory` : `${existing} is a file, so ${out} cannot be made`, []);
      }
      break;
    } catch (error) {
      if (error instanceof WriteError) throw error;
      const code = (error as NodeJS.ErrnoException).code;
      // ENOTDIR: a file further up the path; its own lstat above reports it.
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw new WriteError((error as Error).message, []);
      const parent = path.dirname(existing);
      if (parent === existing) throw new WriteError(`no directory on the path of ${out} exists`, []);
      existing = parent;
    }
  }
  try {
    // access(2) reports EROFS for a read-only file system even to root, and writes nothing.
    await fsys.access(existing, fs.constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'EROFS' ? 'it is on a read-only file system' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (error as Error).message;
    throw new WriteError(`${existing} cannot be written: ${why}`, []);
  }
}

/**
 * Refuses to replace `<out>/<edition>` unless ogp-pack wrote it: a directory holding its
 * `manifest.json` and only the files that manifest lists. So a user's own `out/public/` is never
 * deleted.
 */
async function replaceable(out: string, edition: string, fsys: WriteFs): Promise<boolean> {
  const dir = path.join(out, edition);
  let stat;
  try {
    stat = await fsys.lstat(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
  const refuse = (why: string) => new WriteError(`${dir} ${why}, so ogp-pack will not replace it; move it away or build into another --out`, []);
  if (!stat.isDirectory()) throw refuse('is not a directory');
  let listed: unknown;
  try {
    listed = JSON.parse(await fsys.readFile(path.join(dir, MANIFEST), 'utf8'));
  } catch {
    throw refuse(`has no readable ${MANIFEST}`);
  }
  const entries = (listed as { outputs?: unknown } | null)?.outputs;
  const paths = new Set([MANIFEST, ...(Array.isArray(entries) ? entries : []).map((o) => (o as { path?: unknown } | null)?.path).filter((p): p is string => typeof p === 'string')]);
  const others = (await fsys.readdir(dir)).filter((name) => !paths.has(name));
  if (others.length > 0) throw refuse(`holds ${others.length === 1 ? 'a file' : 'files'} its ${MANIFEST} does not list (${others.sort().join(', ')})`);
  return true;
}

/**
 * Writes every output, then switches the edition directories into place as described above.
 * Returns the written files' paths. Throws a WriteError; then `out` is as it was unless
 * `replaced` says otherwise (only when moving back failed too).
 */
export async function writeOutputs(out: string, outputs: readonly Output[], fsys: WriteFs = fs): Promise<string[]> {
  const editions = [...new Set(outputs.map((o) => editionDirectory(o.name)))];
  for (const o of outputs) {
    if (!o.name.includes('/')) throw new Error(`output ${o.name} names no edition directory`);
  }
  const fail = (error: unknown, replaced: readonly string[] = []): never => {
    throw error instanceof WriteError ? error : new WriteError((error as Error).message, replaced);
  };

  // Everything that would stop the switch is found before anything is written.
  const existing = new Set<string>();
  try {
    await probeWritable(out, fsys);
    for (const edition of editions) if (await replaceable(out, edition, fsys)) existing.add(edition);
  } catch (error) {
    fail(error);
  }

  let staging: string | undefined;
  let previous: string | undefined;
  const moved: string[] = [];
  const placed: string[] = [];
  try {
    await fsys.mkdir(out, { recursive: true });
    staging = await fsys.mkdtemp(path.join(out, STAGING));
    for (const edition of editions) await fsys.mkdir(path.join(staging, edition));
    for (const o of outputs) await fsys.writeFile(path.join(staging, ...o.name.split('/')), o.bytes);
    if (existing.size > 0) previous = await fsys.mkdtemp(path.join(out, PREVIOUS));
    for (const edition of editions) {
      if (existing.has(edition)) {
        await fsys.rename(path.join(out, edition), path.join(previous!, edition));
        moved.push(edition);
      }
      await fsys.rename(path.join(staging, edition), path.join(out, edition));
      placed.push(edition);
    }
  } catch (error) {
    const stuck = await rollBack(editions, out, staging, previous, moved, placed, fsys);
    if (stuck.length === 0) {
      await removeQuietly([staging, previous], fsys);
    } else if (staging) await removeQuietly([staging], fsys);
    const left = previous && stuck.length > 0 ? `; moving back failed too, and the previous ${stuck.join(', ')} ${stuck.length === 1 ? 'is' : 'are'} in ${previous}` : '';
    fail(new WriteError(`${(error as Error).message}${left}`, stuck));
  }
  // The new pack is in place; what is left is clearing away the previous one.
  await removeQuietly([previous, staging], fsys);
  return outputs.map((o) => path.join(out, ...o.name.split('/')));
}

/** Moves back what the switch moved, newest first; returns the editions that could not be restored. */
async function rollBack(editions: readonly string[], out: string, staging: string | undefined, previous: string | undefined, moved: readonly string[], placed: readonly string[], fsys: WriteFs): Promise<string[]> {
  const stuck: string[] = [];
  for (const edition of editions.filter((e) => moved.includes(e) || placed.includes(e)).reverse()) {
    try {
      if (placed.includes(edition)) await fsys.rename(path.join(out, edition), path.join(staging!, edition));
      if (moved.includes(edition)) await fsys.rename(path.join(previous!, edition), path.join(out, edition));
    } catch {
      stuck.push(edition);
    }
  }
  return stuck;
}

async function removeQuietly(dirs: readonly (string | undefined)[], fsys: WriteFs): Promise<void> {
  for (const dir of dirs) if (dir) await fsys.rm(dir, { recursive: true, force: true }).catch(() => undefined);
}
