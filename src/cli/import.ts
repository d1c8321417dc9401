import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, rmdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { hasErrors, severityOf, type Diagnostic } from '../diagnostics/diagnostic.js';
import { report, type Reporter } from '../diagnostics/report.js';
import type { ImportedFile } from '../import/import.js';
import type { PaperStatus } from '../import/front-matter.js';
import { PACKAGE_LIMITS } from '../import/package.js';
import { schemaHint } from '../init/scaffold.js';
import { contentDirectory, holdsMeeting } from './content.js';
import { EXIT, useColor, type CliIo } from './io.js';

export interface ImportCommandOptions {
  id: string;
  status: PaperStatus;
  reason?: string;
  acceptChanges: boolean;
  force: boolean;
  format: Reporter;
}

const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** `ogp-pack import FILE.docx [DIR]`: writes the paper, its figures and table data into DIR, then checks them. */
export async function importCommand(file: string, dir: string, options: ImportCommandOptions, io: CliIo): Promise<number> {
  const say = (text: string) => io.stderr.write(`ogp-pack import: ${text}\n`);
  if (!ID.test(options.id)) {
    say(`--id must be lower-case letters, digits and single hyphens, e.g. --id peer-exchange-2015, not "${options.id}".`);
    return EXIT.usage;
  }
  if ((options.status === 'withheld') !== (options.reason !== undefined)) {
    say(options.reason === undefined ? 'a withheld paper needs its --reason, e.g. --status withheld --reason pre-decision.' : '--reason is for a withheld paper: add --status withheld, or leave --reason out.');
    return EXIT.usage;
  }
  const root = path.resolve(io.cwd, dir);
  const contentLabel = path.relative(io.cwd, root) || '.';
  if (!holdsMeeting(root)) {
    say(`${contentLabel} holds no meeting.yaml. Name a meeting's directory, e.g. \`ogp-pack import paper.docx content --id ${options.id}\`.`);
    return EXIT.usage;
  }
  const source = path.resolve(io.cwd, file);
  const stat = statSync(source, { throwIfNoEntry: false });
  if (!stat || !stat.isFile()) {
    say(`no file at ${file}. Name a Word document, e.g. \`ogp-pack import papers/memo.docx --id memo\`.`);
    return EXIT.contentErrors;
  }
  if (stat.size > PACKAGE_LIMITS.totalBytes) {
    say(`${file} is ${Math.round(stat.size / 1024 / 1024)} MiB, more than the ${PACKAGE_LIMITS.totalBytes / 1024 / 1024} MiB ogp-pack imports. Reduce its images in Word (Picture Format › Compress Pictures) and import it again. Nothing was written.`);
    return EXIT.contentErrors;
  }

  const { importDocx } = await import('../import/import.js');
  const result = await importDocx(new Uint8Array(readFileSync(source)), {
    id: options.id,
    status: options.status,
    ...(options.reason !== undefined ? { reason: options.reason } : {}),
    acceptChanges: options.acceptChanges,
    source: path.relative(io.cwd, source),
    contentLabel,
    schemaHint: schemaHint(path.join(root, 'data')),
  });
  const color = useColor(io.stdout, io.env);
  if (result.files.length === 0 || hasErrors(result.diagnostics)) {
    io.stderr.write(await report(result.diagnostics, options.format, { cwd: io.cwd, color: useColor(io.stderr, io.env) }));
    say('nothing was written.');
    return EXIT.contentErrors;
  }
  const shown = (f: ImportedFile) => path.join(contentLabel, f.path);
  const existing = result.files.filter((f) => existsSync(path.join(root, f.path)));
  if (existing.length > 0 && !options.force) {
    say(`${existing.map(shown).join(', ')} already ${existing.length === 1 ? 'exists' : 'exist'}. import never replaces a file unless told to: add --force to replace ${existing.length === 1 ? 'it' : 'them'}, or choose another --id. Nothing was written.`);
    return EXIT.contentErrors;
  }
  try {
    writeAll(root, result.files);
  } catch (error) {
    say(`cannot write into ${contentLabel}: ${(error as Error).message}. Nothing was written.`);
    return EXIT.contentErrors;
  }
  // Text for people on stdout; JSON and GitHub output stay one report on stdout, the rest on stderr.
  const text = options.format === 'text';
  const chatter = text ? io.stdout : io.stderr;
  if (text) io.stdout.write(await report(result.diagnostics, 'text', { cwd: io.cwd, color }));
  for (const f of result.files) chatter.write(`wrote ${shown(f)}\n`);

  // The new files as check sees them, in the meeting they now belong to.
  const tree = contentDirectory(dir, io);
  if (!tree) return EXIT.usage;
  const { runCheck } = await import('../check/run.js');
  const written = new Set(result.files.map((f) => path.resolve(root, f.path)));
  const findings = (await runCheck(tree)).filter((d: Diagnostic) => d.file !== undefined && written.has(path.resolve(io.cwd, d.file)));
  const errors = findings.filter((d) => severityOf(d) === 'error').length;
  if (text) io.stdout.write(`check on the imported files:\n${await report(findings, 'text', { cwd: io.cwd, color })}`);
  else io.stdout.write(await report([...result.diagnostics, ...findings], options.format, { cwd: io.cwd, color }));
  if (errors > 0) chatter.write(`Fix ${errors === 1 ? 'this error' : `these ${errors} errors`} in the imported files before building the pack.\n`);
  return EXIT.ok;
}

/**
 * Writes every file or none: each is written beside its target under a temporary name, then all
 * are renamed into place, a replaced file first moved aside; a failure moves everything back and
 * removes the directories this run made. A crash between the renames can leave some in place.
 */
function writeAll(root: string, files: readonly ImportedFile[]): void {
  const tag = randomBytes(4).toString('hex');
  const made: string[] = [];
  const staged: { temp: string; target: string; aside?: string }[] = [];
  const placed: typeof staged = [];
  try {
    for (const file of files) {
      const target = path.join(root, file.path);
      for (let d = path.dirname(target), missing: string[] = []; ; d = path.dirname(d)) {
        if (existsSync(d)) {
          made.push(...missing.reverse());
          break;
        }
        missing.push(d);
      }
      mkdirSync(path.dirname(target), { recursive: true });
      const temp = path.join(path.dirname(target), `.${path.basename(target)}.ogp-pack-import-${tag}`);
      writeFileSync(temp, file.bytes, { flag: 'wx' });
      staged.push({ temp, target });
    }
    for (const entry of staged) {
      if (existsSync(entry.target)) {
        entry.aside = `${entry.temp}.old`;
        renameSync(entry.target, entry.aside);
      }
      placed.push(entry);
      renameSync(entry.temp, entry.target);
    }
  } catch (error) {
    for (const entry of placed.reverse()) {
      if (!existsSync(entry.temp)) rmSync(entry.target, { force: true });
      if (entry.aside) renameSync(entry.aside, entry.target);
    }
    for (const entry of staged) rmSync(entry.temp, { force: true });
    for (const d of made.reverse()) {
      try {
        rmdirSync(d);
      } catch {
        // Not empty: something else wrote into it meanwhile, so it stays.
      }
    }
    throw error;
  }
  for (const entry of staged) if (entry.aside) rmSync(entry.aside, { force: true });
}
