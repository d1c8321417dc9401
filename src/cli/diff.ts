/**
 * `ogp-pack diff OLD NEW [DIR]`: the changes between two circulations of one edition, each an
 * edition's manifest.json (or an output directory) or a git revision of the content directory,
 * printed as text, JSON or Markdown (for a pull-request comment). The public edition is compared
 * unless --edition names another, so what CI posts says only what the public manifest may say.
 */
import path from 'node:path';
import { isDirectory } from '../io/source-tree.js';
import { loadLayout } from '../plan/template.js';
import { compareCirculations } from '../revisions/compare.js';
import { earlierCirculation, readEarlier, SinceError, type Earlier } from '../revisions/earlier.js';
import { formatChanges, type DiffFormat } from '../revisions/report.js';
import { EXIT, type CliIo } from './io.js';

export interface DiffOptions {
  format: DiffFormat;
  /** The edition to compare (default: public, or the only edition the manifests name). */
  edition?: string;
}

export async function diff(before: string, after: string, dir: string, options: DiffOptions, io: CliIo): Promise<number> {
  const fail = (message: string) => {
    io.stderr.write(`ogp-pack diff: ${message}\n`);
    return EXIT.usage;
  };
  const content = path.resolve(io.cwd, dir);
  let sides: Earlier[];
  try {
    sides = [await readEarlier(before, content, io.cwd), await readEarlier(after, content, io.cwd)];
  } catch (error) {
    if (error instanceof SinceError) return fail(error.message);
    throw error;
  }
  if (sides.some((s) => s.kind === 'revision') && !isDirectory(content)) return fail(`no content directory at ${dir}, whose repository the revisions are read from.`);
  const editions = sides.map((s) => (s.kind === 'manifests' ? [...s.byEdition.keys()] : s.pack.editions.map((e) => e.id)));
  const shared = editions[0]!.filter((id) => editions[1]!.includes(id));
  const edition = options.edition ?? (shared.includes('public') ? 'public' : shared.length === 1 ? shared[0] : undefined);
  if (!edition || !shared.includes(edition)) {
    return fail(`${options.edition ? `the edition "${options.edition}" is not` : 'name the edition to compare with --edition; more than one is'} in both ${before} and ${after} (both have ${shared.join(', ') || 'none'}).`);
  }
  const revision = sides.find((s) => s.kind === 'revision');
  const language = revision?.kind === 'revision' ? revision.pack.meeting.language : undefined;
  const { layout, fonts } = await loadLayout(undefined, { ...(language ? { language } : {}) });
  if (!layout || !fonts) throw new Error('the built-in layout does not load');
  const [old, now] = sides.map((side) => earlierCirculation(side, { id: edition }, layout, fonts));
  if (typeof old === 'string') return fail(old);
  if (typeof now === 'string') return fail(now);
  io.stdout.write(formatChanges(compareCirculations(old!, now!), layout.labels.changes, layout.language, options.format, edition));
  return EXIT.ok;
}
