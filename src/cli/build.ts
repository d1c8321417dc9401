import { readdirSync } from 'node:fs';
import path from 'node:path';
import { buildPack, outputDirectory, type BuildRequest, type ManifestEntry, type ProgressEvent } from '../build/build.js';
import { validSourceDateEpoch } from '../plan/build-plan.js';
import { FORMATS } from '../build/formats.js';
import { MANIFEST, WriteError, probeWritable, writeOutputs } from '../build/write.js';
import { readEarlier, SinceError } from '../revisions/earlier.js';
import { severityOf, sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import { report, type Reporter } from '../diagnostics/report.js';
import type { SourceTree } from '../io/source-tree.js';
import type { SourceCache } from '../load/cache.js';
import { contentDirectory, layoutFile } from './content.js';
import { overlap } from './out-directory.js';
import { EXIT, useColor, type CliIo } from './io.js';

export interface BuildOptions {
  format?: string;
  /** An edition id, a comma-separated list of them, or `all`. */
  edition?: string;
  out: string;
  draft?: boolean;
  final?: boolean;
  /** How diagnostics are printed on stderr (default text). */
  reporter?: Reporter;
  /** Errors only; nothing at all on success. */
  quiet?: boolean;
  /** Warnings and information too, and how long each stage took. */
  verbose?: boolean;
  /** A layout file to use instead of the content directory's `layout.yaml`. */
  layout?: string;
  /** The earlier circulation to list the changes since: a manifest.json, an output directory or a git revision. */
  since?: string;
  /** Build supplementary pack N (`true` is 1) of the papers new or revised since `since`. */
  supplement?: boolean | string;
}

/** A build whose options were checked: what to read, what to ask for, where to write. */
export interface PreparedBuild {
  tree: SourceTree;
  request: BuildRequest;
  /** The output directory, absolute, and as printed (relative to the current directory). */
  out: string;
  outLabel: string;
  options: BuildOptions;
}

export interface BuildRun {
  code: number;
  /** What was written, in manifest order, with each output's render time; empty when nothing was. */
  written: { entry: ManifestEntry; path: string; ms?: number }[];
  ms: number;
}

export async function build(dir: string, options: BuildOptions, io: CliIo): Promise<number> {
  const prepared = prepareBuild('build', dir, options, io);
  if (typeof prepared === 'number') return prepared;
  const revisions = await sinceRequest(dir, options, io);
  if (typeof revisions === 'number') return revisions;
  Object.assign(prepared.request, revisions);
  // A manifest names its edition: only the editions REF has manifests of are compared with it.
  if (revisions.since?.kind === 'manifests' && !prepared.request.editions) prepared.request.editions = [...revisions.since.byEdition.keys()];
  const run = await runBuild(prepared, io, { progress: true });
  if (run.code === EXIT.ok && !options.quiet) {
    for (const { entry, path: written, ms } of run.written) io.stdout.write(`wrote ${written} (${describeOutput(entry, ms)})\n`);
  }
  return run.code;
}

/** Checks a build's options; the exit code after saying what is wrong, else what to build. */
export function prepareBuild(command: string, dir: string, options: BuildOptions, io: CliIo): PreparedBuild | number {
  if (options.draft && options.final) {
    io.stderr.write(`ogp-pack ${command}: --draft and --final contradict each other: a final pack is not a draft.\n`);
    return EXIT.usage;
  }
  const requested = options.format?.split(',').map((f) => f.trim().toLowerCase()) ?? FORMATS.map((f) => f.name);
  const unknown = requested.filter((name) => !FORMATS.some((f) => f.name === name));
  if (unknown.length > 0) {
    io.stderr.write(`ogp-pack ${command}: unknown format ${unknown.map((u) => `"${u}"`).join(', ')}; available: ${FORMATS.map((f) => f.name).join(', ') || 'none'}.\n`);
    return EXIT.usage;
  }
  const epoch = io.env.SOURCE_DATE_EPOCH;
  if (epoch && !validSourceDateEpoch(epoch)) {
    io.stderr.write(`ogp-pack ${command}: SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, not "${epoch}".\n`);
    return EXIT.usage;
  }
  const tree = contentDirectory(dir, io);
  if (!tree) return EXIT.usage;
  const out = path.resolve(io.cwd, options.out);
  const outLabel = path.relative(io.cwd, out) || '.';
  // Before anything is read: the outputs would otherwise become sources of the next build.
  const clash = overlap(path.resolve(io.cwd, dir), out);
  if (clash) {
    io.stderr.write(`ogp-pack ${command}: the output directory ${outLabel}/ ${clash}. Write the pack elsewhere, e.g. --out out beside the content directory.\n`);
    return EXIT.usage;
  }
  const layout = options.layout === undefined ? undefined : layoutFile(options.layout, command, io);
  if (options.layout !== undefined && !layout) return EXIT.usage;
  const editions = options.edition === undefined || options.edition === 'all' ? undefined : options.edition.split(',').map((e) => e.trim());
  const formats = FORMATS.filter((f) => requested.includes(f.name));
  return { tree, request: { formats, editions, draft: options.draft, final: options.final, ...(layout ? { layout } : {}) }, out, outLabel, options };
}

/** `--since` and `--supplement` as the build takes them: the earlier circulation read; the exit code after saying what is wrong. */
async function sinceRequest(dir: string, options: BuildOptions, io: CliIo): Promise<Pick<BuildRequest, 'since' | 'supplement'> | number> {
  const usage = (message: string) => {
    io.stderr.write(`ogp-pack build: ${message}\n`);
    return EXIT.usage;
  };
  const supplement = options.supplement === undefined || options.supplement === false ? undefined : options.supplement === true ? 1 : Number(options.supplement);
  if (supplement !== undefined && !(Number.isInteger(supplement) && supplement >= 1)) return usage(`--supplement takes the supplement's number, a whole number from 1, not "${String(options.supplement)}".`);
  if (supplement !== undefined && options.since === undefined) return usage('--supplement needs --since REF: the pack it supplements, as a manifest.json or a git revision.');
  if (options.since === undefined) return {};
  try {
    return { since: await readEarlier(options.since, path.resolve(io.cwd, dir), io.cwd), ...(supplement ? { supplement } : {}) };
  } catch (error) {
    if (error instanceof SinceError) return usage(`--since ${options.since}: ${error.message}`);
    throw error;
  }
}

/** Whether the output directory can be written, found without writing; says why not on stderr. */
export async function writable(prepared: PreparedBuild, io: CliIo, command: string): Promise<boolean> {
  try {
    await probeWritable(prepared.out);
    return true;
  } catch (error) {
    if (!(error instanceof WriteError)) throw error;
    io.stderr.write(`${command}: cannot write the pack to ${prepared.outLabel}/: ${error.message}.\nNothing was written.\n`);
    return false;
  }
}

/**
 * Builds and writes the pack, printing diagnostics on stderr with the chosen reporter, progress
 * when asked (on a terminal, a line per output as it renders), and, with --verbose, the stages'
 * timings. The lines naming what was written are left to the caller.
 */
export async function runBuild(prepared: PreparedBuild, io: CliIo, { progress = false, cache }: { progress?: boolean; cache?: SourceCache } = {}): Promise<BuildRun> {
  const { options, out, outLabel } = prepared;
  const command = 'ogp-pack build';
  const started = performance.now();
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const verbose = options.verbose && !options.quiet;
  const live = progress && !options.quiet && (options.reporter ?? 'text') === 'text' && Boolean(io.stderr.isTTY) ? liveProgress(io) : undefined;
  const rendered = new Map<string, number>();
  let firstStart: number | undefined;
  const onProgress = (event: ProgressEvent) => {
    if (firstStart === undefined) {
      firstStart = performance.now();
      if (verbose) io.stderr.write(`  read, checked and planned the sources in ${seconds(firstStart - started)}\n`);
    }
    if (event.phase === 'done' && event.ms !== undefined) rendered.set(event.output, event.ms);
    live?.(event);
    if (verbose && event.phase === 'done') io.stderr.write(`  rendered and gated ${event.output} in ${seconds(event.ms ?? 0)}\n`);
  };
  // A directory that cannot be written is found before the sources are read and rendered.
  if (!(await writable(prepared, io, command))) return { code: EXIT.contentErrors, written: [], ms: performance.now() - started };
  const result = await buildPack(prepared.tree, { ...prepared.request, progress: onProgress, ...(cache ? { cache } : {}) }, io.env);
  const ms = () => performance.now() - started;
  if (verbose && firstStart === undefined) io.stderr.write(`  read and checked the sources in ${seconds(ms())}\n`);
  if (result.usage) {
    io.stderr.write(`${command}: ${result.usage}\n`);
    return { code: EXIT.usage, written: [], ms: ms() };
  }
  // With --quiet, errors only. Text prints nothing when there is nothing to say; JSON is always printed, so that a program can parse it.
  const reporter = options.reporter ?? 'text';
  const content = contentFindings(result.findings ?? [], reporter, options);
  const shown = [...(options.quiet ? result.diagnostics.filter((d) => severityOf(d) === 'error') : result.diagnostics), ...content.shown];
  if (shown.length > 0 || reporter !== 'text') io.stderr.write(await report(shown, reporter, { cwd: io.cwd, color: useColor(io.stderr, io.env) }));
  if (content.more) io.stderr.write(`${content.more}\n`);
  if (reporter === 'text' && !options.quiet && result.withheldFindings) {
    io.stderr.write(`${result.withheldFindings} more in or about withheld papers are not shown, since a build's log may be public; \`ogp-pack check\` lists them.\n`);
  }
  if (!result.outputs || !result.manifests) {
    // JSON on stderr stays parseable: the exit code says that nothing was written.
    if (options.reporter !== 'json') io.stderr.write(`Nothing was written to ${outLabel}/.\n`);
    return { code: EXIT.contentErrors, written: [], ms: ms() };
  }
  const writing = performance.now();
  try {
    await writeOutputs(out, result.outputs);
  } catch (error) {
    if (!(error instanceof WriteError)) throw error;
    const replaced = error.replaced.length === 0 ? 'Nothing there was replaced.' : `${error.replaced.map((e) => `${path.join(outLabel, e)}/`).join(', ')} could not be restored.`;
    io.stderr.write(`${command}: cannot write the pack to ${outLabel}/: ${error.message}.\n${replaced}\n`);
    return { code: EXIT.contentErrors, written: [], ms: ms() };
  }
  if (verbose) io.stderr.write(`  wrote ${result.outputs.length} files to ${outLabel}/ in ${seconds(performance.now() - writing)}\n  built in ${seconds(ms())}\n`);
  const written = result.manifests.flatMap((manifest) => manifest.outputs.map((entry) => ({ entry, path: path.join(outLabel, outputDirectory(manifest.edition, manifest.supplement?.number), entry.path), ms: rendered.get(entry.path) })));
  const former = formerLayout(out);
  if (former.length > 0 && !options.quiet && reporter === 'text') {
    io.stderr.write(`note: ${former.map((f) => path.join(outLabel, f)).join(', ')} ${former.length === 1 ? 'is' : 'are'} left from the former layout, which put every edition in ${outLabel}/ itself; ogp-pack no longer writes or reads ${former.length === 1 ? 'it' : 'them'}. Delete ${former.length === 1 ? 'it' : 'them'}: a former manifest.json names the committee's papers.\n`);
  }
  return { code: EXIT.ok, written, ms: ms() };
}

/** The content findings a build prints by default: the worst few errors and warnings, the rest counted. */
const WORST_FINDINGS = 5;

/**
 * Which of `check`'s findings a build prints: with --verbose, or for a program (json, github), all
 * of them; with --quiet, none; else the worst few errors and warnings, and a line counting them all.
 */
export function contentFindings(findings: readonly Diagnostic[], reporter: Reporter, options: Pick<BuildOptions, 'quiet' | 'verbose'>): { shown: Diagnostic[]; more?: string } {
  if (options.quiet) return { shown: [] };
  if (options.verbose || reporter !== 'text') return { shown: [...findings] };
  const rank = { error: 0, warning: 1, info: 2 } as const;
  const problems = sortDiagnostics(findings.filter((d) => severityOf(d) !== 'info')).sort((a, b) => rank[severityOf(a)] - rank[severityOf(b)]);
  const shown = problems.slice(0, WORST_FINDINGS);
  if (problems.length === shown.length) return { shown };
  const errors = problems.filter((d) => severityOf(d) === 'error').length;
  const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return { shown, more: `Above: the worst ${shown.length} of ${count(problems.length, 'problem')} the content checks found (${count(errors, 'error')}, ${count(problems.length - errors, 'warning')}). \`ogp-pack check\`, or \`build --verbose\`, lists them all.` };
}

/** Files a build of the former flat layout wrote into `out` itself: its manifest and `<pack>-<edition>…` outputs. */
function formerLayout(out: string): string[] {
  const names = readdirSync(out);
  if (!names.includes(MANIFEST)) return [];
  return names.filter((name) => name === MANIFEST || /\.(pdf|docx)$/i.test(name)).sort();
}

/** `public edition, 39 pages, 412345 bytes, 2.1 s` */
function describeOutput(entry: ManifestEntry, ms?: number): string {
  const pages = entry.pages !== undefined ? `, ${entry.pages} pages` : '';
  const time = ms !== undefined ? `, ${(ms / 1000).toFixed(1)} s` : '';
  return `${entry.edition} edition${pages}, ${entry.bytes} bytes${time}`;
}

/**
 * Progress on a terminal: a status line at the bottom names what is rendering (`rendering
 * <output> …`, or how many outputs when several render side by side) and is rewritten in place
 * (carriage return and padding, no cursor codes); each output done is printed above it as a line of
 * its own, `✔ <output>  39 pages  2.1 s`. The status line is cleared when nothing is rendering.
 */
function liveProgress(io: CliIo): (event: ProgressEvent) => void {
  const color = useColor(io.stderr, io.env);
  const green = (s: string) => (color ? `\u001b[32m${s}\u001b[39m` : s);
  const running: string[] = [];
  let shown = 0;
  const clear = () => {
    if (shown > 0) io.stderr.write(`\r${' '.repeat(shown)}\r`);
    shown = 0;
  };
  const status = () => {
    if (running.length === 0) return;
    const line = `  rendering ${running.length === 1 ? running[0] : `${running.length} outputs`} …`;
    io.stderr.write(line);
    shown = line.length;
  };
  return (event) => {
    clear();
    if (event.phase === 'start') running.push(event.output);
    else {
      running.splice(running.indexOf(event.output), 1);
      const pages = event.pages !== undefined ? `  ${event.pages} pages` : '';
      io.stderr.write(`  ${green('✔')} ${event.output}${pages}  ${((event.ms ?? 0) / 1000).toFixed(1)} s\n`);
    }
    status();
  };
}
