import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { severityOf, type Diagnostic } from '../src/diagnostics/diagnostic.js';
import { diagnostic } from '../src/diagnostics/diagnostic.js';
import { reportGithub } from '../src/diagnostics/report-github.js';
import { reportJson } from '../src/diagnostics/report-json.js';
import { reportText } from '../src/diagnostics/report-text.js';
import { runCheck } from '../src/check/run.js';
import { run } from '../src/cli/main.js';
import { CONTENT_DIR, contentTree, lineOf } from './helpers/trees.js';

async function cli(args: string[], cwd: string, env: Record<string, string | undefined> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await run(args, { cwd, env, stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } });
  return { code, stdout, stderr };
}

/** A copy of the default content in a temporary directory, with some files rewritten. */
function contentCopy(edits: Record<string, (text: string) => string> = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'ogp-pack-check-'));
  cpSync(CONTENT_DIR, path.join(dir, 'content'), { recursive: true });
  for (const [file, edit] of Object.entries(edits)) {
    const full = path.join(dir, 'content', file);
    writeFileSync(full, edit(readText(full)));
  }
  return dir;
}

function readText(file: string): string {
  return readFileSync(file, 'utf8');
}



const SAMPLE: Diagnostic[] = [
  diagnostic({ file: 'content/sessions/b.yaml', span: { start: { line: 3, column: 2 }, end: { line: 3, column: 9 } }, severity: 'warning', rule: 'repeated-words', message: 'Repeated word "the"' }),
  diagnostic({ file: 'content/papers/x.md', span: { start: { line: 12, column: 5 } }, severity: 'error', rule: 'malformed-email', message: 'Bad, really: 100%' }),
  diagnostic({ file: 'content/papers/x.md', span: { start: { line: 2, column: 1 } }, severity: 'warning', rule: 'to-follow', message: 'Still to follow.' }),
  diagnostic({ file: 'content/papers/y.md', span: { start: { line: 4, column: 9 } }, severity: 'info', rule: 'at-meeting', message: 'Bring copies.' }),
];

describe('reporters', () => {
  it('text: grouped by file, sorted by position, a summary, information after it', () => {
    expect(reportText(SAMPLE).split('\n')).toEqual([
      'content/papers/x.md:2:1  warning  Still to follow.  to-follow',
      'content/papers/x.md:12:5  error  Bad, really: 100%  malformed-email',
      '',
      'content/sessions/b.yaml:3:2  warning  Repeated word "the"  repeated-words',
      '✖ 1 error, ⚠ 2 warnings',
      'ℹ content/papers/y.md:4:9  Bring copies.  at-meeting',
      '',
    ]);
    expect(reportText(SAMPLE, { color: true })).toContain('\u001b[31merror\u001b[39m');
  });

  it('json: {file, line, column, endLine, endColumn, severity, rule, message}, sorted by file then position', () => {
    const entries = JSON.parse(reportJson(SAMPLE, '/anywhere')) as Record<string, unknown>[];
    expect(entries.map((e) => `${e.file}:${e.line}`)).toEqual(['content/papers/x.md:2', 'content/papers/x.md:12', 'content/papers/y.md:4', 'content/sessions/b.yaml:3']);
    expect(entries[3]).toEqual({ file: 'content/sessions/b.yaml', line: 3, column: 2, endLine: 3, endColumn: 9, severity: 'warning', rule: 'repeated-words', message: 'Repeated word "the"' });
    expect(entries[1]).toMatchObject({ line: 12, column: 5, endLine: 12, endColumn: 5, severity: 'error' });
  });

  it('json: absolute file names become relative to the current directory', () => {
    const d = diagnostic({ file: '/work/meetings/m/papers/a.md', rule: 'spelling', severity: 'warning', message: 'x' });
    expect((JSON.parse(reportJson([d], '/work/meetings')) as { file: string }[])[0]!.file).toBe('m/papers/a.md');
  });

  it('github: workflow commands with escaped properties and data', () => {
    expect(reportGithub(SAMPLE).split('\n')).toEqual([
      '::warning file=content/papers/x.md,line=2,col=1,title=to-follow::Still to follow.',
      '::error file=content/papers/x.md,line=12,col=5,title=malformed-email::Bad, really: 100%25',
      '::notice file=content/papers/y.md,line=4,col=9,title=at-meeting::Bring copies.',
      '::warning file=content/sessions/b.yaml,line=3,col=2,endLine=3,endColumn=9,title=repeated-words::Repeated word "the"',
      '',
    ]);
  });
});

describe('ogp-pack check on the default content', () => {
  it('exits 0 with no errors, reporting the true findings of the source pack as warnings', async () => {
    const dir = contentCopy();
    const { code, stdout } = await cli(['check'], dir);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^✖ 0 errors, ⚠ \d+ warnings$/m);
    expect(stdout).toContain('content/papers/draft-bylaws.md:4:9  warning  "Copy of draft bylaws" is still to follow.');
    expect(stdout).toContain('Unknown word "Ukranian". Did you mean "Ukrainian"?');
    expect(stdout).toContain('content/data/peer-exchange-2015.yaml:315:29  warning  Unknown word "anka"');
    expect(stdout).toContain('content/working-groups/natural-resources.md:8:5  warning  "Natural Resource Governance Institute" is written "Natural Resources Governance Institute" elsewhere (content/papers/working-groups-overview.md:16:57).');
    expect(stdout).toContain('content/working-groups/natural-resources.md:40:145  warning  2 spaces between words (one a no-break space, which looks like an ordinary one). Use one.  double-spaces');
    expect(stdout).toContain('ℹ content/papers/updated-infographic.md:4:9  "Updated infographic" is to be circulated at the meeting: bring copies.  at-meeting');
  });

  it('--final turns the to-follow papers into errors and exits 1', async () => {
    const { code, stdout } = await cli(['check', '--final', '--quiet'], contentCopy());
    expect(code).toBe(1);
    expect(stdout.split('\n').filter((l) => l.includes('  error  ')).every((l) => l.endsWith('to-follow'))).toBe(true);
    expect(stdout).toContain('✖ 3 errors, ⚠ 0 warnings');
  });

  it('--max-warnings fails on too many warnings; --quiet prints errors only', async () => {
    const dir = contentCopy();
    const strict = await cli(['check', '--max-warnings', '0', '--quiet'], dir);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toBe('✖ 0 errors, ⚠ 0 warnings\n');
    expect(strict.stderr).toMatch(/^ogp-pack: \d+ warnings, more than --max-warnings 0\.\n$/);
    expect((await cli(['check', '--max-warnings', '1000'], dir)).code).toBe(0);
  });

  it('--rule and check.yaml set severities; the command line wins', async () => {
    const dir = contentCopy();
    const off = await cli(['check', '--format', 'json', '--rule', 'spelling=off', '--rule', 'to-follow=error'], dir);
    const entries = JSON.parse(off.stdout) as { rule: string; severity: string }[];
    expect(entries.some((e) => e.rule === 'spelling')).toBe(false);
    expect(entries.filter((e) => e.rule === 'to-follow').map((e) => e.severity)).toEqual(['error', 'error', 'error']);
    expect(off.code).toBe(1);

    writeFileSync(path.join(dir, 'content/check.yaml'), 'rules:\n  to-follow: off\n  acronyms: off\n');
    const configured = JSON.parse((await cli(['check', '--format', 'json'], dir)).stdout) as { rule: string }[];
    expect(configured.some((e) => e.rule === 'to-follow' || e.rule === 'acronyms')).toBe(false);
    const overridden = JSON.parse((await cli(['check', '--format', 'json', '--rule', 'to-follow=warn'], dir)).stdout) as { rule: string }[];
    expect(overridden.filter((e) => e.rule === 'to-follow')).toHaveLength(3);
  });

  it('reports a bad check.yaml at its line, and bad --rule options as usage errors', async () => {
    const dir = contentCopy();
    writeFileSync(path.join(dir, 'content/check.yaml'), 'rules:\n  spelling: loud\n');
    const bad = await cli(['check', '--quiet'], dir);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('content/check.yaml:2:3  error  Rule "spelling" is set to "loud"; use off, warn or error.  check-config');
    for (const option of ['speling=off', 'schema=off', 'spelling', 'spelling=loud']) {
      const usage = await cli(['check', '--rule', option], dir);
      expect(usage.code, option).toBe(2);
      expect(usage.stderr).toMatch(/^ogp-pack check: /);
    }
    expect((await cli(['check', '--format', 'xml'], dir)).code).toBe(2);
    expect((await cli(['check', '--max-warnings', 'many'], dir)).code).toBe(2);
  });

  it('--list-rules lists every rule with its severity and documentation', async () => {
    const { code, stdout } = await cli(['check', '--list-rules'], contentCopy());
    expect(code).toBe(0);
    expect(stdout).toContain('repeated-words  warning\n  The same word twice in a row');
    expect(stdout).toContain('schema  error (fixed)\n');
    expect(stdout.match(/^[a-z-]+  (error|warning|info)/gm)).toHaveLength((await import('../src/check/registry.js')).RULES.length);
  });

  it('prints GitHub workflow commands and JSON relative to the current directory', async () => {
    const dir = contentCopy();
    const github = await cli(['check', '--format', 'github'], dir);
    expect(github.code).toBe(0);
    expect(github.stdout).toContain('::warning file=content/papers/draft-bylaws.md,line=4,col=9,endLine=4,endColumn=18,title=to-follow::"Copy of draft bylaws" is still to follow.');
    const json = JSON.parse((await cli(['check', 'content/', '--format', 'json'], dir)).stdout) as { file: string }[];
    expect(json.every((e) => e.file.startsWith('content/'))).toBe(true);
    const sorted = [...json].sort((a, b) => a.file.localeCompare(b.file));
    expect(json.map((e) => e.file)).toEqual(sorted.map((e) => e.file));
  });

  it('colours only on a terminal, never with NO_COLOR', async () => {
    const dir = contentCopy();
    const withTty = async (env: Record<string, string>) => {
      let out = '';
      await run(['check'], { cwd: dir, env, stdout: { isTTY: true, write: (s: string) => (out += s) }, stderr: { write: () => true } });
      return out;
    };
    expect(await withTty({})).toContain('\u001b[33mwarning\u001b[39m');
    expect(await withTty({ NO_COLOR: '1' })).not.toContain('\u001b[');
  });
});

describe('planted faults in a copy of the default content', () => {
  const plant = {
    bookmark: { file: 'papers/joint-declaration.md', needle: 'Recognize[bookmark', edit: (t: string) => t.replace('Recognize the importance', 'Recognize[bookmark: _GoBack] the importance') },
    repeated: { file: 'papers/subnational-memo.md', needle: 'expressed strong support', edit: (t: string) => t.replace('expressed strong support', 'expressed strong strong support') },
    overlap: { file: 'sessions/working-level.yaml', needle: "time: '16:50'", edit: (t: string) => t.replace("time: '16:50'", "time: '16:30'") },
    withheld: { file: 'papers/country-updates.md', needle: 'status: withheld', edit: (t: string) => t.replace('reason: pre-decision\n', '') },
    email: { file: 'working-groups/open-data.md', needle: 'email: jose.alonso', edit: (t: string) => t.replace('email: jose.alonso@webfoundation.org', 'email: jose.alonso@webfoundation,org') },
    unknownPaper: { file: 'sessions/ministerial.yaml', needle: '- joint-declaration', edit: (t: string) => t.replace('- joint-declaration', '- joint-declaraton') },
  };

  it('finds each fault at its line under its rule', async () => {
    const tree = contentTree({
      ...Object.fromEntries(Object.values(plant).map((p) => [p.file, p.edit])),
      'papers/duplicate.md': '---\nid: draft-bylaws\ntitle: Another copy of the bylaws\nstatus: to-follow\n---\n',
    });
    const diagnostics = await runCheck(tree);
    const found = (rule: string, file: string) => diagnostics.filter((d) => d.ruleId === rule && d.file === `content/${file}`).map((d) => `${d.line}:${d.column} ${severityOf(d)}`);
    const original = (file: string) => readText(path.join(CONTENT_DIR, file));
    const lineIn = (p: { file: string; needle: string; edit: (t: string) => string }) => lineOf(p.edit(original(p.file)), p.needle === "time: '16:50'" ? "time: '16:30'" : p.needle);

    expect(found('word-processing-residue', plant.bookmark.file)).toEqual([`${lineIn(plant.bookmark)}:10 error`]);
    expect(found('repeated-words', plant.repeated.file)).toEqual([`${lineOf(original(plant.repeated.file), 'expressed strong support')}:${original(plant.repeated.file).split('\n').find((l) => l.includes('expressed strong support'))!.indexOf('expressed strong support') + 'expressed strong '.length + 1} warning`]);
    const overlapLine = lineOf(original(plant.overlap.file), "time: '16:50'");
    expect(found('agenda-overlap', plant.overlap.file)).toEqual([`${overlapLine}:11 error`]);
    expect(found('withheld-reason', plant.withheld.file)).toEqual(['2:1 error']);
    expect(found('malformed-email', plant.email.file)).toEqual([`${lineOf(original(plant.email.file), 'email: jose.alonso')}:12 error`]);
    expect(found('unknown-reference', plant.unknownPaper.file)).toEqual([`${lineOf(original(plant.unknownPaper.file), '- joint-declaration')}:9 error`]);
    expect(found('duplicate-id', 'papers/duplicate.md')).toEqual(['2:5 error']);
    expect(diagnostics.find((d) => d.ruleId === 'unknown-reference')?.reason).toContain('Did you mean "joint-declaration"?');
  });

  it('exits 1 from the command line', async () => {
    const dir = contentCopy({ [plant.bookmark.file]: plant.bookmark.edit });
    const { code, stdout } = await cli(['check'], dir);
    expect(code).toBe(1);
    expect(stdout).toContain(`content/papers/joint-declaration.md:${lineIn()}:10  error  "[bookmark: _GoBack]" is a Word bookmark left by the conversion. Finish the edit or delete it.  word-processing-residue`);
    function lineIn() {
      return lineOf(readText(path.join(CONTENT_DIR, plant.bookmark.file)), 'Recognize the importance');
    }
  });
});

describe('precompiled schema validators', () => {
  it('report exactly what validators compiled at run time report', async () => {
    const { execFile } = await import('node:child_process');
    const { promisify } = await import('node:util');
    const dir = contentCopy({
      'papers/draft-bylaws.md': (t) => t.replace('status: to-follow', 'status: lost\npart: annex'),
      'working-groups/open-data.md': (t) => t.replace('email: jose.alonso@webfoundation.org', 'email: jose.alonso@webfoundation,org'),
      'sessions/ministerial.yaml': (t) => t.replace("time: '16:45'", "time: '4:45pm'"),
      'data/irm-then-and-now.yaml': (t) => t.replace('kind: table', 'kind: table\nextra: 1'),
    });
    const ROOT = path.resolve(CONTENT_DIR, '..');
    // The installed command uses dist/validate/validators.cjs; these tests run src/, which compiles the schemas.
    const compiled = await promisify(execFile)(process.execPath, [path.join(ROOT, 'bin/ogp-pack'), 'check', '--format', 'json', '--quiet'], { cwd: dir }).catch((e: { stdout: string }) => e);
    const fromSource = await cli(['check', '--format', 'json', '--quiet'], dir);
    const entries = JSON.parse(compiled.stdout) as { rule: string }[];
    expect(entries.map((e) => e.rule).sort()).toEqual(['malformed-email', 'schema', 'schema', 'schema', 'schema']);
    expect(compiled.stdout).toBe(fromSource.stdout);
  });
});

describe('what check loads', () => {
  it('never reaches the PDF or DOCX machinery, statically or lazily', () => {
    const SRC = path.resolve(CONTENT_DIR, '../src');
    const seen = new Set<string>();
    const packages = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = readFileSync(file, 'utf8');
      for (const [, specifier] of text.matchAll(/(?:\bfrom|\bimport\()\s*'([^']+)'/g)) {
        if (specifier!.startsWith('.')) visit(path.resolve(path.dirname(file), specifier!.replace(/\.js$/, '.ts')));
        else packages.add(specifier!.startsWith('@') ? specifier!.split('/').slice(0, 2).join('/') : specifier!.split('/')[0]!);
      }
    };
    visit(path.join(SRC, 'cli/check.ts'));
    visit(path.join(SRC, 'check/options.ts'));
    const files = [...seen].map((f) => path.relative(SRC, f));
    expect(files).toContain('check/rules/spelling.ts');
    // The layout's loader is the one file of the plan's stage check reads: it reports a pack's layout.yaml at its lines.
    expect(files.filter((f) => /^(render|plan|build)\//.test(f) && f !== 'plan/template.ts')).toEqual([]);
    expect([...packages].filter((p) => ['pdfkit', 'remark-docx', 'docx', 'core-js', 'mammoth'].includes(p))).toEqual([]);
  });
});
