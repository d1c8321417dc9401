import { Command, CommanderError } from 'commander';
import { EXIT, type CliIo } from './io.js';

const DEFAULT_CONTENT = 'content';

function program(io: CliIo, setExit: (code: number) => void): Command {
  const root = new Command('ogp-pack')
    .description('Build withheld-aware meeting briefing packs (PDF and DOCX) from Markdown and YAML sources.')
    .addHelpText(
      'after',
      `
Exit codes:
  0  success
  1  the content has errors (each printed as file:line:column  severity  message  rule)
  2  usage error or internal error`,
    )
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .exitOverride()
    .showHelpAfterError('(run ogp-pack --help for usage)');

  root
    .command('check')
    .description('Validate a content directory: YAML and front matter, schemas, ids and references.')
    .argument('[dir]', 'the content directory', DEFAULT_CONTENT)
    .addHelpText(
      'after',
      `
Prints one line per problem, then a summary:
  content/sessions/ministerial.yaml:31:9  error  Unknown paper "joint-declaraton": … Did you mean "joint-declaration"?  unknown-reference
  ✖ 1 error, ⚠ 0 warnings

Examples:
  ogp-pack check                      check content/
  ogp-pack check meetings/2016-04     check another meeting

Exits 0 when there are no errors, 1 when there are, 2 on a usage or internal error.`,
    )
    .action(async (dir: string) => {
      const { check } = await import('./check.js');
      setExit(await check(dir, io));
    });

  root
    .command('build')
    .description('Build the briefing pack from a content directory into out/: PDF and DOCX, and out/manifest.json.')
    .argument('[dir]', 'the content directory', DEFAULT_CONTENT)
    .option('--format <list>', 'comma-separated output formats, e.g. pdf or pdf,docx (default: every format)')
    .option('--out <dir>', 'where to write the pack', 'out')
    .addHelpText(
      'after',
      `
Reads and checks the sources, then renders each format. Outputs are written only
when every one of them was rendered: a failed build leaves the previous pack in
the output directory untouched. Dates come from SOURCE_DATE_EPOCH when it is set,
else from the meeting's first day, so the same sources give the same bytes.

Examples:
  ogp-pack build                        build content/ into out/
  ogp-pack build --format pdf           only the PDF
  ogp-pack build meetings/2016-04 --out dist/pack

Exits 0 when the pack was written, 1 when the content has errors, 2 on a usage or internal error.`,
    )
    .action(async (dir: string, options: { format?: string; out: string }) => {
      const { build } = await import('./build.js');
      setExit(await build(dir, options, io));
    });

  return root;
}

/** Runs the command line and returns the exit code; never exits the process itself. */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  let code: number = EXIT.ok;
  try {
    await program(io, (c) => (code = c)).parseAsync([...argv], { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    io.stderr.write(`ogp-pack: internal error (a bug in ogp-pack, not in your content): ${(error as Error).stack ?? String(error)}\n`);
    return EXIT.internal;
  }
}
