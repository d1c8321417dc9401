import path from 'node:path';
import { buildPack } from '../build/build.js';
import { validSourceDateEpoch } from '../layout/build-plan.js';
import { FORMATS } from '../build/formats.js';
import { WriteError, writeOutputs } from '../build/write.js';
import { reportText } from '../diagnostics/report-text.js';
import { contentDirectory } from './content.js';
import { EXIT, useColor, type CliIo } from './io.js';

export interface BuildOptions {
  format?: string;
  /** An edition id, a comma-separated list of them, or `all`. */
  edition?: string;
  out: string;
  draft?: boolean;
  final?: boolean;
}

export async function build(dir: string, options: BuildOptions, io: CliIo): Promise<number> {
  if (options.draft && options.final) {
    io.stderr.write('ogp-pack build: --draft and --final contradict each other: a final pack is not a draft.\n');
    return EXIT.usage;
  }
  const requested = options.format?.split(',').map((f) => f.trim().toLowerCase()) ?? FORMATS.map((f) => f.name);
  const unknown = requested.filter((name) => !FORMATS.some((f) => f.name === name));
  if (unknown.length > 0) {
    io.stderr.write(`ogp-pack build: unknown format ${unknown.map((u) => `"${u}"`).join(', ')}; available: ${FORMATS.map((f) => f.name).join(', ') || 'none'}.\n`);
    return EXIT.usage;
  }
  const epoch = io.env.SOURCE_DATE_EPOCH;
  if (epoch && !validSourceDateEpoch(epoch)) {
    io.stderr.write(`ogp-pack build: SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, not "${epoch}".\n`);
    return EXIT.usage;
  }
  const tree = contentDirectory(dir, io);
  if (!tree) return EXIT.usage;

  const editions = options.edition === undefined || options.edition === 'all' ? undefined : options.edition.split(',').map((e) => e.trim());
  const formats = FORMATS.filter((f) => requested.includes(f.name));
  const result = await buildPack(tree, { formats, editions, draft: options.draft, final: options.final }, io.env);
  if (result.usage) {
    io.stderr.write(`ogp-pack build: ${result.usage}\n`);
    return EXIT.usage;
  }
  if (result.diagnostics.length > 0) io.stderr.write(reportText(result.diagnostics, { color: useColor(io.stderr, io.env) }));
  if (!result.outputs || !result.manifest) {
    io.stderr.write(`Nothing was written to ${options.out}/.\n`);
    return EXIT.contentErrors;
  }
  const out = path.resolve(io.cwd, options.out);
  try {
    await writeOutputs(out, result.outputs);
  } catch (error) {
    if (!(error instanceof WriteError)) throw error;
    const replaced = error.replaced.length === 0 ? 'Nothing there was replaced.' : `Only ${error.replaced.join(', ')} was replaced.`;
    io.stderr.write(`ogp-pack build: cannot write the pack to ${options.out}/: ${error.message}\n${replaced}\n`);
    return EXIT.contentErrors;
  }
  for (const entry of result.manifest.outputs) {
    const pages = entry.pages !== undefined ? `, ${entry.pages} pages` : '';
    io.stdout.write(`wrote ${path.join(path.relative(io.cwd, out) || '.', entry.path)} (${entry.edition} edition${pages}, ${entry.bytes} bytes)\n`);
  }
  return EXIT.ok;
}
