import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { REPORTERS, type Reporter } from '../diagnostics/report.js';
import type { DiffFormat } from '../revisions/report.js';
import { readFileSync } from 'node:fs';
import { cacheRoot } from '../cache/root.js';
import { saveCache, useCache } from '../cache/store.js';
import { defaultContent } from './content.js';
import { EXIT, type CliIo } from './io.js';

const CONTENT_HELP = 'the meeting\'s directory (default: the current directory when it holds meeting.yaml, else content)';

const NO_CACHE_HELP = 'compute everything afresh, neither reading nor writing the cache of parsed Markdown, shaped words and spelling results';

const CACHE_TEXT = `
The cache: parsed Markdown, shaped words, measured widths, spelling results and
compressed fonts are kept between runs in $OGP_PACK_CACHE_DIR, else
$XDG_CACHE_HOME/ogp-pack, else node_modules/.cache/ogp-pack of this installation,
each keyed by the digests of what it was computed from (sources, font files,
dictionary, word lists) and the versions of ogp-pack and its libraries. It never
changes an output: a stale or damaged entry is computed again. It holds the text
of withheld papers: keep it as privately as the sources. --no-cache (or
OGP_PACK_CACHE_DIR set empty) bypasses it; deleting the directory is always safe.`;

/** The installed ogp-pack's version, from its package.json. */
function version(): string {
  return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

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
    .version(version(), '-V, --version', 'print the version of ogp-pack')
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .exitOverride()
    .showHelpAfterError('(run ogp-pack --help for usage)');

  root
    .command('init')
    .description('Start a new meeting: write a content directory whose every file is a schema-valid placeholder to replace.')
    .argument('<dir>', 'the new meeting\'s directory; its name becomes the pack\'s file name stem')
    .option('--date <YYYY-MM-DD>', 'the meeting\'s first day (default: an example date in 2099, to replace)')
    .addHelpText(
      'after',
      `
Writes meeting.yaml, two sessions with agendas, an included paper placing a data
table, a withheld paper with its public title and canary, a paper of
biographies with one person, a working-group sheet in the annex, and words.txt.
Each YAML file names its schema on its first line, for editor completion. Every
text is a placeholder ("Replace this paragraph with …"), and the pack passes
\`ogp-pack check\` with no errors or warnings as it stands; \`check --final\`
and \`build --final\` refuse it until the placeholders and dates are replaced.

Never replaces a file: when any of these files already exists in <dir>, nothing
is written and the files are named.

Examples:
  ogp-pack init meetings/2026-04-cape-town
  ogp-pack init meetings/2026-04-cape-town --date 2026-04-20

Exits 0 when the meeting was written, 1 when it could not be written (nothing
is left behind), 2 when a file was in the way or on a usage error.`,
    )
    .action(async (dir: string, options: { date?: string }) => {
      const { init } = await import('./init.js');
      setExit(init(dir, options, io));
    });

  root
    .command('check')
    .description('Find every problem an editor must fix before the pack is circulated: sources, references, agenda times, leftovers, proofreading, contacts.')
    .argument('[dir]', `${CONTENT_HELP}, or one file of a meeting to check that file only`)
    .addOption(new Option('--format <format>', 'report format').choices(REPORTERS).default('text'))
    .addOption(new Option('--reporter <format>', 'the same as --format, as build names it').choices(REPORTERS))
    .option('--final', 'the pack is about to be circulated: papers to follow, init\'s text and placeholders (TBC, XX, [insert …]) are errors', false)
    .option('--rule <id=setting>', 'set a rule to off, warn or error (repeatable; overrides check.yaml)', (value: string, previous: string[]) => [...previous, value], [] as string[])
    .option('--quiet', 'report errors only', false)
    .option('--list-rules', 'list every rule with its default severity and what it checks, then exit')
    .option('--layout <file>', 'check this house style instead of the meeting\'s own layout.yaml')
    .option('--leaks [out]', 'instead of the rules, search the built outputs in out (default: out), or one edition\'s directory of it, for withheld papers, as build does')
    .option('--max-warnings <n>', 'exit 1 when there are more than n warnings', (value: string) => {
      if (!/^\d+$/.test(value)) throw new InvalidArgumentError('a whole number of warnings, e.g. 0');
      return Number(value);
    })
    .option('--no-cache', NO_CACHE_HELP)
    .addHelpText(
      'after',
      () => `
Prints one line per problem, grouped by file, then a summary:
  content/papers/x.md:12:5  warning  Repeated word "the"  repeated-words
  ✖ 0 errors, ⚠ 1 warning

Formats: text (for people), json (an array of {file, line, column, endLine,
endColumn, severity, rule, message}), github (workflow commands that annotate
a pull request).

Rules are set in <dir>/check.yaml (rules: {spelling: warn, acronyms: off}) or
with --rule id=off|warn|error; --list-rules lists them. True names and terms go
in <dir>/words.txt.

Examples:
  ogp-pack check                              check this meeting (or content/)
  ogp-pack check papers/concept-note.md       only that file's findings
  ogp-pack check --final                      before circulation: placeholders are errors
  ogp-pack check --format github --max-warnings 0
  ogp-pack check --rule spelling=off --quiet
  ogp-pack check --leaks out                  nothing withheld in out/'s public outputs?
  ogp-pack check --leaks out/public           … in the public edition's directory alone

--leaks reads each edition directory's manifest.json, refuses (exit 2) outputs
of another pack than <dir>'s and a directory without a manifest, reports a file
it cannot read as an unreadable-output error, and ends with what it scanned.

Exits 0 when there are no errors, 1 when there are (or more warnings than
--max-warnings), 2 on a usage or internal error.
${CACHE_TEXT}`,
    )
    .action(async (dir: string | undefined, options: { format: Reporter; reporter?: Reporter; final: boolean; rule: string[]; quiet: boolean; maxWarnings?: number; listRules?: boolean; leaks?: string | true; layout?: string; cache: boolean }) => {
      const [{ check }, { ruleSettings, listRules }] = await Promise.all([import('./check.js'), import('../check/options.js')]);
      if (options.listRules) {
        io.stdout.write(listRules());
        setExit(EXIT.ok);
        return;
      }
      const settings = ruleSettings(options.rule);
      if (typeof settings === 'string') {
        io.stderr.write(`ogp-pack check: ${settings}\n`);
        setExit(EXIT.usage);
        return;
      }
      const leaks = options.leaks === true ? 'out' : options.leaks;
      await cached(options.cache, io, async () => setExit(await check(dir ?? defaultContent(io.cwd), { format: options.reporter ?? options.format, final: options.final, settings, quiet: options.quiet, maxWarnings: options.maxWarnings, leaks, ...(options.layout !== undefined ? { layout: options.layout } : {}) }, io)));
    });

  root
    .command('import')
    .description('Turn a Word paper (.docx) into a paper source: papers/<id>.md, its figures and its tables, with Word\'s leftovers removed or reported.')
    .argument('<file>', 'the Word document, a .docx')
    .argument('[dir]', CONTENT_HELP)
    .requiredOption('--id <id>', 'the paper\'s id, e.g. peer-exchange-2015: its file is papers/<id>.md')
    .addOption(new Option('--status <status>', 'the paper\'s status').choices(['included', 'withheld', 'at-meeting', 'to-follow']).default('included'))
    .option('--reason <reason>', 'why a withheld paper is withheld, e.g. pre-decision (needed with --status withheld)')
    .option('--accept-changes', 'accept the document\'s tracked changes (by default a document with changes not yet accepted is refused)', false)
    .option('--force', 'replace files already there', false)
    .addOption(new Option('--format <format>', 'report format').choices(REPORTERS).default('text'))
    .addHelpText(
      'after',
      `
Converts the document with mammoth: headings by outline level, bold, italic and
links, bulleted and numbered lists with Word's numbering and nesting, footnotes,
block quotes (Word's Quote styles), images (to papers/figures/<id>-N.png with
their alt text) and tables: a GitHub table when every cell is one paragraph,
else a table data file, data/<id>-table-N.yaml, which the paper shows with
::table. The title is the document's title, or its first heading; the date and
authors come from its properties; the status is --status (default included).

What Word leaves behind is removed and reported, never kept in silence:
bookmarks, comments (each printed with its author and text), hidden text,
broken cross-references ("Error! Reference source not found.") and numbers or
bullets typed as text (made into lists). A document with tracked changes not
yet accepted is refused, unless --accept-changes accepts them all.

Refused with exit 1, writing nothing: a file that is not a .docx, a
password-protected or corrupt one, one that inflates past 100 MiB (a ZIP bomb),
one that shows an image linked from outside it, and a macro-enabled .docm.

Never replaces a file without --force; writes every file or none. Then runs
check on the new files and prints what it finds, to fix before building.

Examples:
  ogp-pack import ~/Downloads/memo.docx --id subnational-memo
  ogp-pack import report.docx meetings/2016-04 --id irm-report --status withheld --reason pre-decision
  ogp-pack import memo.docx --id subnational-memo --accept-changes --force

Exits 0 when the paper was written, 1 when the document was refused or a file
was in the way (nothing written), 2 on a usage or internal error.`,
    )
    .action(async (file: string, dir: string | undefined, options: { id: string; status: 'included' | 'withheld' | 'at-meeting' | 'to-follow'; reason?: string; acceptChanges: boolean; force: boolean; format: Reporter }) => {
      const { importCommand } = await import('./import.js');
      setExit(await importCommand(file, dir ?? defaultContent(io.cwd), options, io));
    });

  packOptions(root.command('build').description('Build the briefing pack from a content directory into out/: each edition as PDF and DOCX in out/<edition>/, with its manifest.json.'), 'pdf or pdf,docx')
    .option('--final', 'refuse to build while a paper is to follow or init\'s text or a placeholder is left', false)
    .addOption(new Option('--reporter <format>', 'how problems are reported on stderr').choices(REPORTERS).default('text'))
    .addOption(new Option('--quiet', 'print errors only, and nothing when the pack was written').conflicts('verbose'))
    .option('--verbose', 'also print how long reading, each output and writing took')
    .option('--since <ref>', 'add a page after the contents listing the changes since an earlier circulation: its manifest.json, output directory or git revision')
    .option('--supplement [n]', 'with --since: build supplementary pack n (default 1) of the new and revised papers and changed agendas only, into <out>/<edition>-supplement-<n>/')
    .addHelpText(
      'after',
      `
Reads and checks the sources, then renders each edition in each format as
<out>/<edition>/<pack>-<edition>.pdf and .docx, and lists them with their
sha256 in that edition's <out>/<edition>/manifest.json, so out/public/ holds
nothing restricted and may be published alone. The editions come from meeting.yaml (by default public and
committee). An edition that does not carry withheld papers lists them with their
reason; before anything is written, every output of such an edition is read back
and searched for each withheld paper's title, sentences and canaries, and the
build fails if one is found.

Outputs are written only when every one of them was rendered and passed, into
a staging directory; then each edition's directory is switched in whole by
rename. A failed build leaves the output directory as it was. --out may not be
or be inside the content directory (exit 2); an output directory that cannot be
written is reported before anything is rendered (exit 1). Dates come from
SOURCE_DATE_EPOCH when it is set, else from the meeting's first day, so the same
sources give the same bytes.

Content findings: build runs check's rules too, and prints the worst five of
their errors and warnings with a line counting them all (--verbose: every one).
They stop the build only with --final.

Output: problems go to stderr, as text (file:line:column  severity  message
rule), as json (the array check --format json prints) or as github (workflow
commands that annotate a pull request). Each output written is one line on
stdout: wrote out/public/<pack>-public.pdf (public edition, 39 pages, 412345
bytes, 2.1 s). On a terminal, stderr also shows each output while it renders. Colour
only on a terminal (or with FORCE_COLOR), never with NO_COLOR.

Examples:
  ogp-pack build                        every edition and format of content/ into out/
  ogp-pack build --edition public --format pdf
  ogp-pack build --draft                watermarked drafts, e.g. out/public/<pack>-public-DRAFT.pdf
  ogp-pack build --final                before circulation: no paper to follow, no placeholder
  ogp-pack build meetings/2016-04 --out dist/pack
  ogp-pack build --reporter github --quiet     in CI: annotations, no chatter
  ogp-pack build --since v1-circulated  changes page since the git tag v1-circulated
  ogp-pack build --since old/public/manifest.json --edition public
  ogp-pack build --supplement --since v1-circulated
                                        out/<edition>-supplement-1/<pack>-<edition>-supplement-1.pdf

--since REF lists, after the contents, the papers added, now available,
withdrawn, changed in status or revised (with the headings of the sections that
changed) and the agenda items added, removed or retimed, and marks each revised
paper "Revised <date>" in the contents, on its first page and in its running
header. REF is a manifest.json a build wrote (then only its edition is built),
an output directory holding one per edition, or a git revision of the content
directory, read with git. Each edition is compared with its own earlier
circulation, so the public edition says of a withheld paper only its public
title and status.

Exits 0 when the pack was written, 1 when the content has errors or a withheld
paper leaked, 2 on a usage or internal error.
${CACHE_TEXT}`,
    )
    .action(async (dir: string | undefined, { cache, ...options }: { format?: string; edition?: string; out: string; draft: boolean; final: boolean; reporter: Reporter; quiet?: boolean; verbose?: boolean; layout?: string; since?: string; supplement?: boolean | string; cache: boolean }) => {
      const { build } = await import('./build.js');
      await cached(cache, io, async () => setExit(await build(dir ?? defaultContent(io.cwd), options, io)));
    });

  root
    .command('diff')
    .description('Print what changed between two circulations of the pack: papers added, now available, withdrawn, changed in status or revised, agenda items added, removed or retimed.')
    .argument('<old>', 'the earlier circulation: a manifest.json, an output directory, or a git revision')
    .argument('<new>', 'the later circulation, named the same ways')
    .argument('[dir]', `${CONTENT_HELP}; the git revisions are read from its repository`)
    .addOption(new Option('--format <format>', 'text, json, or markdown for a pull-request comment').choices(['text', 'json', 'markdown']).default('text'))
    .option('--edition <id>', 'the edition to compare (default: public)')
    .addHelpText(
      'after',
      `
Compares one edition, by default the public one, so that what is printed says
of a withheld paper only what the public manifest may: its public title and
status. A revision is built into each edition's circulation as build would make
it, without rendering; it is dated by its commit time.

Examples:
  ogp-pack diff v1-circulated HEAD
  ogp-pack diff origin/main HEAD --format markdown > changes.md
  ogp-pack diff old/public/manifest.json out/public/manifest.json --format json
  ogp-pack diff v1 v2 --edition committee

Exits 0 when the changes were printed (none is no error), 2 when a circulation
cannot be read (no such file or revision, not a git repository) or on a usage
or internal error.`,
    )
    .action(async (before: string, after: string, dir: string | undefined, options: { format: DiffFormat; edition?: string }) => {
      const { diff } = await import('./diff.js');
      setExit(await diff(before, after, dir ?? defaultContent(io.cwd), options, io));
    });

  packOptions(root.command('watch').description('Build the pack, then rebuild it each time a source changes, until Ctrl-C.'), 'docx')
    .addHelpText(
      'after',
      `
Builds once, then watches the content directory (not hidden files or editors'
temporary files; the output directory may not be inside it). A burst of saves makes one rebuild,
and only the files that changed are parsed again. Each build prints its problems
as build does, or what it wrote:
  12:03:04 rebuilt in 1.1 s: wrote out/public/<pack>-public.docx, out/committee/<pack>-committee.docx
A build that fails writes nothing, so the output directory keeps the last good
pack.

Examples:
  ogp-pack watch                           every edition and format of content/
  ogp-pack watch --edition public --format docx

Exits 0 on Ctrl-C, 2 on a usage or internal error.
${CACHE_TEXT} watch writes it after each build.`,
    )
    .action(async (dir: string | undefined, { cache, ...options }: { format?: string; edition?: string; out: string; draft: boolean; layout?: string; cache: boolean }) => {
      const { watch } = await import('./watch.js');
      const stop = new AbortController();
      const interrupt = () => stop.abort();
      process.once('SIGINT', interrupt);
      try {
        await cached(cache, io, async () => setExit(await watch(dir ?? defaultContent(io.cwd), options, io, stop.signal)));
      } finally {
        process.off('SIGINT', interrupt);
      }
    });

  return root;
}

/** The content directory and what to build from it, as `build` and `watch` both take them. */
function packOptions(command: Command, formatExample: string): Command {
  return command
    .argument('[dir]', CONTENT_HELP)
    .option('--edition <id>', 'the edition to build, a comma-separated list, or all (default: all)')
    .option('--format <list>', `comma-separated output formats, e.g. ${formatExample} (default: every format)`)
    .option('--out <dir>', 'where to write the pack', 'out')
    .option('--draft', 'watermark every page DRAFT and put DRAFT in the file names', false)
    .option('--layout <file>', 'the house style to use instead of the meeting\'s own layout.yaml (fonts and logo relative to it)')
    .option('--no-cache', NO_CACHE_HELP);
}

/** Runs a command with the cache open (`--no-cache`: off); when it ends, writes back what it added and closes the cache. */
async function cached(on: boolean, io: CliIo, command: () => Promise<void>): Promise<void> {
  useCache(on ? cacheRoot(io.env) : undefined);
  try {
    await command();
  } finally {
    saveCache();
    useCache(undefined);
  }
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
