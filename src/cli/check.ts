import { hasErrors, severityOf, type Diagnostic } from '../diagnostics/diagnostic.js';
import { contentDirectory } from './content.js';
import { EXIT, useColor, type CliIo } from './io.js';

export type CheckFormat = 'text' | 'json' | 'github';

export interface CheckCommandOptions {
  format: CheckFormat;
  final: boolean;
  /** `--rule id=setting`, already parsed and checked against the rules. */
  settings: ReadonlyMap<string, 'off' | 'warn' | 'error'>;
  quiet: boolean;
  maxWarnings?: number;
}

/** Runs every rule over a content directory and prints the report; exit 1 on errors or too many warnings. */
export async function check(dir: string, options: CheckCommandOptions, io: CliIo): Promise<number> {
  const tree = contentDirectory(dir, io);
  if (!tree) return EXIT.usage;
  const { runCheck } = await import('../check/run.js');
  const all = await runCheck(tree, { final: options.final, settings: options.settings });
  const warnings = all.filter((d) => severityOf(d) === 'warning').length;
  const shown = options.quiet ? all.filter((d) => severityOf(d) === 'error') : all;
  io.stdout.write(await report(shown, options.format, io));
  if (options.maxWarnings !== undefined && warnings > options.maxWarnings) {
    io.stderr.write(`ogp-pack: ${warnings} warnings, more than --max-warnings ${options.maxWarnings}.\n`);
    return EXIT.contentErrors;
  }
  return hasErrors(all) ? EXIT.contentErrors : EXIT.ok;
}

async function report(diagnostics: Diagnostic[], format: CheckFormat, io: CliIo): Promise<string> {
  switch (format) {
    case 'json':
      return (await import('../diagnostics/report-json.js')).reportJson(diagnostics, io.cwd);
    case 'github':
      return (await import('../diagnostics/report-github.js')).reportGithub(diagnostics);
    case 'text':
      return (await import('../diagnostics/report-text.js')).reportText(diagnostics, { color: useColor(io.stdout, io.env) });
  }
}
