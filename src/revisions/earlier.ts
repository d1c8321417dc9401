/**
 * Reading the circulation a build or `diff` compares with (`--since REF`): an earlier
 * `manifest.json` (or an output directory holding one per edition), or a git revision of the
 * content directory, read with git itself (`git ls-tree`, `git cat-file`, run without a shell)
 * and built into each edition's circulation as the build would have made it.
 *
 * A manifest file names its edition, and only that edition is compared with it: a committee
 * manifest never stands in for the public edition's earlier circulation.
 */
import { execFile } from 'node:child_process';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Edition } from '../editions/editions.js';
import { editionPack } from '../editions/filter.js';
import { withheldIds } from '../editions/leaks.js';
import { memoryTree } from '../io/source-tree.js';
import { packDate, planPack } from '../plan/build-plan.js';
import type { FontFiles, Layout } from '../plan/template.js';
import type { Pack } from '../model/pack.js';
import { readPack } from '../pipeline.js';
import { circulationOf, digest, type Circulation } from './circulation.js';

const run = promisify(execFile);

/** A REF that cannot be read: a user error, with what to do about it. */
export class SinceError extends Error {}

export type Earlier =
  | { kind: 'manifests'; label: string; byEdition: Map<string, Circulation> }
  | { kind: 'revision'; label: string; pack: Pack; date: Date; sources: Map<string, string> };

const MANIFEST = 'manifest.json';

/** Each document's source digest, by id, from the sources read with the pack. */
export function sourceDigests(pack: Pack, sources: readonly { file: string; text: string }[]): Map<string, string> {
  const byFile = new Map(sources.map((s) => [s.file, s.text]));
  const digests = new Map<string, string>();
  for (const doc of pack.documents.values()) {
    const text = byFile.get(doc.file);
    if (text !== undefined) digests.set(doc.id, digest(text));
  }
  return digests;
}

/** The earlier circulation `ref` names, relative to `cwd`; the git revision of `contentDir`'s repository when no such file exists. */
export async function readEarlier(ref: string, contentDir: string, cwd: string): Promise<Earlier> {
  const file = path.resolve(cwd, ref);
  const found = await stat(file).catch(() => undefined);
  if (found) return readManifests(file, ref, found.isDirectory());
  return readRevision(ref, contentDir);
}

async function readManifests(file: string, label: string, directory: boolean): Promise<Earlier> {
  const byEdition = new Map<string, Circulation>();
  const add = async (manifestFile: string, shown: string, required: boolean, inOutput = false) => {
    let manifest: { edition?: unknown; circulation?: Circulation; supplement?: unknown };
    try {
      manifest = JSON.parse(await readFile(manifestFile, 'utf8'));
    } catch (error) {
      if (!required && (error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw new SinceError(`${shown} is not a readable manifest (${(error as Error).message}); name an edition's manifest.json written by ogp-pack build, or a git revision.`);
    }
    if (typeof manifest?.edition !== 'string' || !manifest.circulation || !Array.isArray(manifest.circulation.papers) || !Array.isArray(manifest.circulation.agenda)) {
      throw new SinceError(`${shown} records no circulation to compare with; it was written by an older ogp-pack. Name a git revision instead, or build that pack again.`);
    }
    // In an output directory, each edition's own pack, not a supplement beside it; a supplement's manifest may be named itself.
    if (inOutput && manifest.supplement !== undefined) return;
    byEdition.set(manifest.edition, manifest.circulation);
  };
  if (!directory) await add(file, label, true);
  else {
    await add(path.join(file, MANIFEST), path.join(label, MANIFEST), false);
    for (const entry of (await readdir(file, { withFileTypes: true })).filter((e) => e.isDirectory() && !e.name.startsWith('.')).sort((a, b) => a.name.localeCompare(b.name))) {
      await add(path.join(file, entry.name, MANIFEST), path.join(label, entry.name, MANIFEST), false, true);
    }
    if (byEdition.size === 0) throw new SinceError(`${label}/ holds no ${MANIFEST}, nor a directory with one; name an output directory of ogp-pack build, a manifest.json, or a git revision.`);
  }
  return { kind: 'manifests', label, byEdition };
}

/** Git's output can be as large as the content it lists or reads. */
const MAX_BUFFER = 256 * 1024 * 1024;

async function git(cwd: string, args: string[]): Promise<string> {
  return (await run('git', args, { cwd, encoding: 'utf8', maxBuffer: MAX_BUFFER })).stdout;
}

async function readRevision(ref: string, contentDir: string): Promise<Earlier> {
  if (ref.startsWith('-')) throw new SinceError(`"${ref}" is neither a file nor a git revision.`);
  let prefix: string;
  try {
    prefix = (await git(contentDir, ['rev-parse', '--show-prefix'])).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new SinceError(`there is no file ${ref}, and git, which would read it as a revision, is not installed.`);
    throw new SinceError(`there is no file ${ref}, and the content directory is not in a git repository, so ${ref} cannot be a revision either. Name an earlier manifest.json.`);
  }
  let commit: string;
  try {
    commit = (await git(contentDir, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`])).trim();
  } catch {
    throw new SinceError(`there is no file ${ref}, and the repository has no revision ${ref}. Name a manifest.json, or a commit, branch or tag (\`git log --oneline\` lists them).`);
  }
  const root = (await git(contentDir, ['rev-parse', '--show-toplevel'])).trim();
  const listing = await git(root, ['ls-tree', '-r', '-z', '--full-name', commit, '--', prefix || '.']);
  const files: Record<string, Uint8Array> = {};
  for (const line of listing.split('\0').filter(Boolean)) {
    const [meta, name] = [line.slice(0, line.indexOf('\t')), line.slice(line.indexOf('\t') + 1)];
    const [mode, type, object] = meta.split(' ');
    // Links and submodules are not content a build reads.
    if (type !== 'blob' || mode === '120000' || !name.startsWith(prefix)) continue;
    const { stdout } = await run('git', ['cat-file', 'blob', object!], { cwd: root, encoding: 'buffer', maxBuffer: MAX_BUFFER });
    files[name.slice(prefix.length)] = new Uint8Array(stdout);
  }
  const label = `${ref}:${prefix.replace(/\/$/, '') || '.'}`;
  const read = await readPack(memoryTree(files, label));
  if (!read.pack) throw new SinceError(`the pack at ${ref} has errors, so it cannot be compared with; \`git stash\`, check out ${ref} and run \`ogp-pack check\` to see them, or name a manifest.json.`);
  // The earlier pack is dated as a reproducible build of that commit would be: by its commit time.
  const epoch = (await git(root, ['show', '-s', '--format=%ct', commit])).trim();
  return { kind: 'revision', label: ref, pack: read.pack, date: packDate(read.pack, { SOURCE_DATE_EPOCH: epoch }), sources: sourceDigests(read.pack, read.sources) };
}

/** The edition's earlier circulation, or why there is none. */
export function earlierCirculation(earlier: Earlier, edition: Pick<Edition, 'id'>, layout: Layout, fonts: FontFiles): Circulation | string {
  if (earlier.kind === 'manifests') {
    const found = earlier.byEdition.get(edition.id);
    if (found) return found;
    return `${earlier.label} has no manifest of the ${edition.id} edition (it has ${[...earlier.byEdition.keys()].join(', ')}); build only those with --edition, or name a git revision.`;
  }
  const { pack } = earlier;
  // An edition the earlier pack did not have is compared with nothing: every paper is added.
  const before = pack.editions.find((e) => e.id === edition.id);
  if (!before) return { date: earlier.date.toISOString(), papers: [], agenda: [] };
  const plan = planPack(editionPack(pack, before), layout, { edition: before, fonts, date: earlier.date, avoid: withheldIds(pack, before) });
  return circulationOf(plan, earlier.sources);
}
