/** `ogp-pack import` on the command line: what it writes where, what it refuses, and never replacing without --force. */
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, filesIn } from './helpers/cli.js';
import { smallPack } from './helpers/small-pack.js';
import { everyConstructDocx } from './fixtures/import/every-construct.js';

let docx: Uint8Array;
beforeAll(async () => {
  docx = await everyConstructDocx();
});

/** A meeting in `<dir>/content` with the Word paper beside it as `<dir>/report.docx`. */
function meetingWithPaper(bytes: Uint8Array): string {
  const dir = smallPack();
  writeFileSync(path.join(dir, 'report.docx'), bytes);
  return dir;
}

describe('ogp-pack import', () => {
  it('writes the paper, its figure and its table data, then prints check\'s findings on them', async () => {
    const dir = meetingWithPaper(docx);
    const before = filesIn(path.join(dir, 'content'));
    const { code, stdout, stderr } = await cli(['import', 'report.docx', '--id', 'open-data-report', '--accept-changes'], dir);
    expect([code, stderr]).toEqual([0, '']);
    const after = filesIn(path.join(dir, 'content'));
    expect([...after.keys()].filter((f) => !before.has(f))).toEqual(['data/open-data-report-table-1.yaml', 'papers/figures/open-data-report-1.png', 'papers/open-data-report.md']);
    expect(stdout).toContain('wrote content/papers/open-data-report.md\n');
    expect(stdout).toMatch(/content\/papers\/open-data-report\.md:\d+:1 +warning +Removed a Word comment by Reviewer One/);
    // check's own finding on the new paper: no agenda item lists it.
    expect(stdout).toMatch(/check on the imported files:\ncontent\/papers\/open-data-report\.md:\d+:\d+ +warning .*unreferenced-paper/);
    expect(after.get('papers/open-data-report.md')!.toString()).toContain('status: included\n');
  });

  it('--format json prints one JSON report of what import and check found', async () => {
    const dir = meetingWithPaper(docx);
    const { code, stdout, stderr } = await cli(['import', 'report.docx', '--id', 'open-data-report', '--accept-changes', '--format', 'json'], dir);
    expect(code).toBe(0);
    const findings = JSON.parse(stdout) as { rule: string; file: string }[];
    expect(findings.map((f) => f.rule)).toEqual(expect.arrayContaining(['import-comment', 'import-hidden-text', 'unreferenced-paper']));
    expect(stderr).toContain('wrote content/papers/open-data-report.md\n');
  });

  it('writes a withheld paper with its reason', async () => {
    const dir = meetingWithPaper(await everyConstructDocx({ changes: false }));
    const { code } = await cli(['import', 'report.docx', 'content', '--id', 'secret-report', '--status', 'withheld', '--reason', 'pre-decision'], dir);
    expect(code).toBe(0);
    expect(filesIn(path.join(dir, 'content')).get('papers/secret-report.md')!.toString()).toMatch(/status: withheld\nreason: pre-decision\n/);
    expect((await cli(['import', 'report.docx', '--id', 'other', '--status', 'withheld'], dir)).code).toBe(2);
  });

  it('never replaces a file without --force, and replaces them all with it', async () => {
    const dir = meetingWithPaper(docx);
    expect((await cli(['import', 'report.docx', '--id', 'open-data-report', '--accept-changes'], dir)).code).toBe(0);
    writeFileSync(path.join(dir, 'content/papers/open-data-report.md'), 'edited by hand');
    const before = filesIn(path.join(dir, 'content'));
    const again = await cli(['import', 'report.docx', '--id', 'open-data-report', '--accept-changes'], dir);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('content/papers/open-data-report.md, content/papers/figures/open-data-report-1.png, content/data/open-data-report-table-1.yaml already exist');
    expect(again.stderr).toContain('--force');
    expect(filesIn(path.join(dir, 'content'))).toEqual(before);
    const forced = await cli(['import', 'report.docx', '--id', 'open-data-report', '--accept-changes', '--force'], dir);
    expect(forced.code).toBe(0);
    const after = filesIn(path.join(dir, 'content'));
    expect(after.get('papers/open-data-report.md')!.toString()).toContain('title: Open Data Progress Report');
    // Nothing left behind from the writing.
    expect([...after.keys()].filter((f) => f.includes('ogp-pack-import'))).toEqual([]);
  });

  it('refuses tracked changes and bad input with exit 1, writing nothing', async () => {
    for (const [bytes, message] of [
      [docx, /tracked deletion by Reviewer Two .*--accept-changes/],
      [new TextEncoder().encode('plain text'), /not a Word document/],
    ] as const) {
      const dir = meetingWithPaper(bytes);
      const before = filesIn(dir);
      const { code, stderr } = await cli(['import', 'report.docx', '--id', 'open-data-report'], dir);
      expect(code).toBe(1);
      expect(stderr).toMatch(message);
      expect(stderr).toContain('nothing was written');
      expect(filesIn(dir)).toEqual(before);
    }
  });

  it('writes every file or none: a table data file that cannot be written leaves no paper or figure', async () => {
    const dir = meetingWithPaper(docx);
    // A file where the data directory should be: the paper and figure are staged before it fails.
    rmSync(path.join(dir, 'content/data'), { recursive: true, force: true });
    writeFileSync(path.join(dir, 'content/data'), 'not a directory');
    const before = filesIn(dir);
    const { code, stderr } = await cli(['import', 'report.docx', '--id', 'open-data-report', '--accept-changes'], dir);
    expect(code).toBe(1);
    expect(stderr).toContain('Nothing was written');
    expect(filesIn(dir)).toEqual(before);
    expect(existsSync(path.join(dir, 'content/papers/figures'))).toBe(false);
  });

  it('explains a missing file, a bad id and a directory without a meeting', async () => {
    const dir = meetingWithPaper(docx);
    expect(await cli(['import', 'missing.docx', '--id', 'memo'], dir)).toMatchObject({ code: 1, stderr: expect.stringContaining('no file at missing.docx') });
    expect(await cli(['import', 'report.docx', '--id', 'Memo One'], dir)).toMatchObject({ code: 2, stderr: expect.stringContaining('--id must be lower-case') });
    expect(await cli(['import', 'report.docx', 'elsewhere', '--id', 'memo'], dir)).toMatchObject({ code: 2, stderr: expect.stringContaining('elsewhere holds no meeting.yaml') });
  });

  it('--help explains the command with examples', async () => {
    const { code, stdout } = await cli(['import', '--help'], process.cwd());
    expect(code).toBe(0);
    expect(stdout).toContain('--accept-changes');
    expect(stdout).toContain('Examples:\n  ogp-pack import');
    expect(stdout).toContain('never kept in silence');
  });
});
