import { hasErrors, severityOf, type Diagnostic } from '../diagnostics/diagnostic.js';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { report, type Reporter } from '../diagnostics/report.js';
import type { LeakScan } from '../editions/gate-outputs.js';
import { isDirectory } from '../io/source-tree.js';
import { contentDirectory, layoutFile, packOfFile } from './content.js';
import { EXIT, useColor, type CliIo } from './io.js';

export interface CheckCommandOptions {
  format: Reporter;
  final: boolean;
  /** `--rule id=setting`, already parsed and checked against the rules. */
  settings: ReadonlyMap<string, 'off' | 'warn' | 'error'>;
  quiet: boolean;
  maxWarnings?: number;
  /** `--leaks <out>`: run the leak gate over the outputs in this directory instead of the rules. */
  leaks?: string;
  /** `--layout FILE`: the layout to check instead of the content directory's `layout.yaml`. */
  layout?: string;
}

/** Runs every rule over a content directory and prints the report; exit 1 on errors or too many warnings. */
export async function check(dir: string, options: CheckCommandOptions, io: CliIo): Promise<number> {
  // A file names the meeting that holds it: that meeting is checked, and that file's findings reported.
  const named = path.resolve(io.cwd, dir);
  const only = existsSync(named) && !isDirectory(named) ? named : undefined;
  const meeting = only ? packOfFile(only) : dir;
  if (meeting === undefined) {
    io.stderr.write(`ogp-pack check: ${dir} is not inside a meeting's directory: no meeting.yaml above it. Name a file of a meeting, or its directory.\n`);
    return EXIT.usage;
  }
  const tree = contentDirectory(meeting, io);
  if (!tree) return EXIT.usage;
  const layout = options.layout === undefined ? undefined : layoutFile(options.layout, 'check', io);
  if (options.layout !== undefined && !layout) return EXIT.usage;
  let all: Diagnostic[];
  let summary: string | undefined;
  if (options.leaks !== undefined) {
    const out = path.resolve(io.cwd, options.leaks);
    if (!isDirectory(out)) {
      io.stderr.write(`ogp-pack check: no output directory at ${options.leaks}. Name the directory a build wrote, e.g. \`ogp-pack check --leaks out\`.\n`);
      return EXIT.usage;
    }
    const [{ readPack }, { gateOutputs }] = await Promise.all([import('../pipeline.js'), import('../editions/gate-outputs.js')]);
    const { pack, diagnostics } = await readPack(tree);
    all = diagnostics;
    if (pack) {
      const scan = await gateOutputs(pack, out, path.relative(io.cwd, out) || '.');
      if (scan.refusal) {
        io.stderr.write(`ogp-pack check --leaks: ${scan.refusal}\n`);
        return EXIT.usage;
      }
      all = [...diagnostics, ...scan.diagnostics];
      summary = leakSummary(scan);
    } else summary = '0 outputs scanned: the content directory has errors, so what its editions withhold is not known.';
  } else {
    const { runCheck } = await import('../check/run.js');
    all = await runCheck(tree, { final: options.final, settings: options.settings, ...(layout ? { layout } : {}) });
  }
  if (only) all = all.filter((d) => d.file !== undefined && path.resolve(io.cwd, d.file) === only);
  const warnings = all.filter((d) => severityOf(d) === 'warning').length;
  const shown = options.quiet ? all.filter((d) => severityOf(d) === 'error') : all;
  io.stdout.write(await report(shown, options.format, { cwd: io.cwd, color: useColor(io.stdout, io.env) }));
  // What was scanned is said even when nothing was found; JSON and GitHub output stay unmixed on stdout.
  if (summary) (options.format === 'text' ? io.stdout : io.stderr).write(`${summary}\n`);
  if (options.maxWarnings !== undefined && warnings > options.maxWarnings) {
    io.stderr.write(`ogp-pack: ${warnings} warnings, more than --max-warnings ${options.maxWarnings}.\n`);
    return EXIT.contentErrors;
  }
  return hasErrors(all) ? EXIT.contentErrors : EXIT.ok;
}

/** `3 outputs scanned (out/public/a.pdf, …), no withheld text found; out/committee/ carries every withheld paper, not scanned.` */
export function leakSummary(scan: LeakScan): string {
  const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
  const scanned = `${count(scan.scanned.length, 'output')} scanned${scan.scanned.length > 0 ? ` (${scan.scanned.join(', ')})` : ''}`;
  const found = scan.leaking.length === 0 ? 'no withheld text found' : `found withheld text in ${scan.leaking.length} (${scan.leaking.join(', ')})`;
  const unreadable = scan.unreadable.length === 0 ? '' : `, ${scan.unreadable.length} unreadable (${scan.unreadable.join(', ')})`;
  const carried = scan.carried.length === 0 ? '' : `; ${scan.carried.join(', ')} ${scan.carried.length === 1 ? 'carries' : 'carry'} every withheld paper, not scanned`;
  return `${scanned}, ${found}${unreadable}${carried}.`;
}
