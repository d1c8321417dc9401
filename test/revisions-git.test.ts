/**
 * Circulating, revising and supplementing a pack kept in git: a test repository is made, the
 * pack circulated and tagged, then changed in each way a secretariat changes one (a late paper,
 * a paper to follow now included, a revised section, a retimed item, a withdrawn paper, a
 * withheld paper changed). The outputs of `build --since`, `build --supplement` and `diff` are
 * read back with pdfjs and mammoth.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, filesIn } from './helpers/cli.js';
import { all, openDocx, textOf } from './helpers/docx.js';
import { contentText, openPdf } from './helpers/pdf.js';
import { COMMITTEE_EDITION, MINIMAL_MEETING, MINIMAL_SESSION } from './helpers/trees.js';

const CIRCULATED = 1445212800; // 19 October 2015
const REVISED = 1445731200; // 25 October 2015

const session = (reportsAt: string, reports: string) => `${MINIMAL_SESSION}    papers: [budget, plan]
  - time: "${reportsAt}"
    title: Reports
    papers: [${reports}]
`;
const paper = (id: string, title: string, status: string, body = '', extra = '') => `---\nid: ${id}\ntitle: ${title}\nstatus: ${status}\n${extra}---\n${body}`;
const SECRET = (line: string) => paper('secret', 'Ruritania negotiating position', 'withheld', `\n${line} Marker zq-canary-77.\n`, 'public_title: Country notes\nreason: pre-decision\ncanary: zq-canary-77\n');

const FIRST: Record<string, string> = {
  'meeting.yaml': `${MINIMAL_MEETING}${COMMITTEE_EDITION}`,
  'sessions/only.yaml': session('16:20', 'old-report, secret'),
  'papers/budget.md': paper('budget', 'Budget', 'included', '\nThe budget for the year.\n\n## Income\n\nDues are unchanged.\n\n## Spending\n\nTravel costs fall.\n'),
  'papers/plan.md': paper('plan', 'Implementation plan', 'to-follow'),
  'papers/old-report.md': paper('old-report', 'Old report', 'included', '\nLast year in review.\n'),
  'papers/secret.md': SECRET('The red line is forty per cent.'),
};
const SECOND: Record<string, string | null> = {
  'sessions/only.yaml': session('16:30', 'late, secret'),
  'papers/budget.md': FIRST['papers/budget.md']!.replace('Travel costs fall.', 'Travel costs fall by half.'),
  'papers/plan.md': paper('plan', 'Implementation plan', 'included', '\nThe plan in three steps.\n'),
  'papers/old-report.md': null,
  'papers/late.md': paper('late', 'Late paper', 'included', '\nArrived after circulation.\n'),
  'papers/secret.md': SECRET('The red line is fifty-five per cent.'),
};

let dir: string;
const content = () => path.join(dir, 'content');
const git = (args: string[], epoch = CIRCULATED) => {
  const date = `${epoch} +0000`;
  return execFileSync('git', ['-c', 'user.name=Secretariat', '-c', 'user.email=secretariat@example.org', '-c', 'commit.gpgsign=false', ...args], { cwd: dir, env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date }, encoding: 'utf8' });
};
const write = (files: Record<string, string | null>) => {
  for (const [file, text] of Object.entries(files)) {
    const full = path.join(content(), file);
    if (text === null) rmSync(full);
    else {
      mkdirSync(path.dirname(full), { recursive: true });
      writeFileSync(full, text);
    }
  }
};
const build = (args: string[]) => cli(['build', 'content', ...args], dir, { SOURCE_DATE_EPOCH: String(REVISED) });

/** The text of the PDF page that opens with `heading`, without its running header and footer. */
async function pdfPage(file: string, heading: string): Promise<string> {
  const pdf = await openPdf(new Uint8Array(readFileSync(path.join(dir, file))));
  for (let i = 0; i < pdf.numPages; i++) {
    const text = await contentText(pdf, i);
    if (text.startsWith(heading)) return text;
  }
  throw new Error(`no page of ${file} opens with ${heading}`);
}
const pdfText = async (file: string) => {
  const pdf = await openPdf(new Uint8Array(readFileSync(path.join(dir, file))));
  const pages: string[] = [];
  for (let i = 0; i < pdf.numPages; i++) pages.push(await contentText(pdf, i));
  return pages;
};
const docxText = async (file: string) => (await mammoth.extractRawText({ path: path.join(dir, file) })).value;
/** The DOCX's changes page: its lines from the heading to the next section's title. */
const docxChanges = (text: string, next: string) => {
  // The contents list the changes page first, with its page number; the page itself follows.
  const listed = text.indexOf('Changes since the pack of');
  expect(text.slice(listed, text.indexOf('\n', listed))).toMatch(/\t3$/);
  const start = text.indexOf('Changes since the pack of', listed + 1);
  return text.slice(start, text.indexOf(next, start)).split('\n').filter(Boolean);
};

/** The changes page's lines; a list item starts with `- `. */
const PUBLIC_CHANGES = [
  'Changes since the pack of 19 October 2015',
  'Papers added',
  '- Late paper',
  'Papers now available',
  '- Implementation plan',
  'Papers withdrawn',
  '- Old report',
  'Papers revised',
  '- Budget (sections changed: Spending)',
  'Agenda items retimed',
  '- Reports (The only session): 16:20–17:00, now 16:30–17:00',
];
const COMMITTEE_CHANGES = [...PUBLIC_CHANGES.slice(0, 9), '- Ruritania negotiating position (sections changed: opening text)', ...PUBLIC_CHANGES.slice(9)];
/** The page as pdfjs reads it, list items with their bullets. */
const asPdf = (lines: string[]) => lines.map((l) => l.replace(/^- /, '• ')).join(' ');
/** The page as mammoth reads it, list items without bullets. */
const asDocx = (lines: string[]) => lines.map((l) => l.replace(/^- /, ''));
const SECRETS = ['Ruritania', 'fifty-five', 'forty', 'zq-canary-77'];

describe('revisions and supplements of a pack kept in git', () => {
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'ogp-pack-revisions-'));
    write(FIRST);
    git(['init', '-q', '-b', 'main']);
    git(['add', '-A']);
    git(['commit', '-q', '-m', 'Pack as circulated']);
    git(['tag', 'circulated']);
    // The circulated pack, built as a reproducible build of its commit is.
    const first = await cli(['build', 'content', '--out', 'circulated-out'], dir, { SOURCE_DATE_EPOCH: String(CIRCULATED) });
    expect(first.code, first.stderr).toBe(0);
    write(SECOND);
    git(['add', '-A']);
    git(['commit', '-q', '-m', 'Late and revised papers'], REVISED);
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists every change once, and nothing else, after the contents of each edition in both formats', async () => {
    const result = await build(['--since', 'circulated']);
    expect(result.code, result.stderr).toBe(0);
    expect(await pdfPage('out/public/test-pack-public.pdf', 'Changes since')).toBe(asPdf(PUBLIC_CHANGES));
    expect(await pdfPage('out/committee/test-pack-committee.pdf', 'Changes since')).toBe(asPdf(COMMITTEE_CHANGES));
    expect(docxChanges(await docxText('out/public/test-pack-public.docx'), 'Agenda: The only session')).toEqual(asDocx(PUBLIC_CHANGES));
    expect(docxChanges(await docxText('out/committee/test-pack-committee.docx'), 'Agenda: The only session')).toEqual(asDocx(COMMITTEE_CHANGES));

    // The changes page follows the contents.
    const pages = await pdfText('out/public/test-pack-public.pdf');
    expect(pages.findIndex((p) => p.startsWith('Changes since'))).toBe(pages.findIndex((p) => p.startsWith('Contents')) + 1);
    // … and so does its bookmark.
    const pdf = await openPdf(new Uint8Array(readFileSync(path.join(dir, 'out/public/test-pack-public.pdf'))));
    expect((await pdf.getOutline()).map((o) => o.title).slice(0, 3)).toEqual(['Contents', 'Changes since the pack of 19 October 2015', 'Agenda: The only session']);
  }, 120_000);

  it('marks the revised paper in the contents, on its first page and in its running header, in both formats', async () => {
    const pdf = await openPdf(new Uint8Array(readFileSync(path.join(dir, 'out/public/test-pack-public.pdf'))));
    const texts: { content: string; all: string }[] = [];
    for (let i = 0; i < pdf.numPages; i++) {
      const page = await pdf.getPage(i + 1);
      const all = (await page.getTextContent()).items.map((item) => ('str' in item ? item.str : '')).join(' ');
      texts.push({ content: await contentText(pdf, i), all });
    }
    const contents = texts.find((t) => t.content.startsWith('Contents'))!.content;
    expect(contents).toContain('Budget (Revised 25 October 2015)');
    expect(contents.match(/Revised/g)).toHaveLength(1);
    const budget = texts.filter((t) => t.content.startsWith('Budget Revised 25 October 2015 The budget for the year.'));
    expect(budget).toHaveLength(1);
    expect(budget[0]!.all).toContain('Budget · Revised 25 October 2015');

    const docx = await docxText('out/public/test-pack-public.docx');
    expect(docx).toContain('Budget\n\nRevised 25 October 2015\n\nThe budget for the year.');
    // The contents field's entry, as Word shows it until the field is updated.
    expect(docx.match(/Budget \(Revised 25 October 2015\)/g)).toHaveLength(1);
    // Word's header parts: one of them, the budget's section's, carries the mark.
    const { zip, xml } = await openDocx(new Uint8Array(readFileSync(path.join(dir, 'out/public/test-pack-public.docx'))));
    const headers = await Promise.all(Object.keys(zip.files).filter((name) => /^word\/header\d+\.xml$/.test(name)).map(async (name) => all(await xml(name), 'p').map(textOf).join(' ')));
    expect(headers.filter((h) => h.includes('Revised 25 October 2015'))).toHaveLength(1);
  });

  it('says nothing in the public edition of the withheld paper or its change', async () => {
    for (const file of ['out/public/test-pack-public.pdf']) {
      const text = (await pdfText(file)).join(' ');
      for (const secret of SECRETS) expect(text).not.toContain(secret);
      expect(text).toContain('Country notes (withheld as pre-decision)');
    }
    const docx = await docxText('out/public/test-pack-public.docx');
    for (const secret of SECRETS) expect(docx).not.toContain(secret);
    // The public manifests of the two circulations say the same of it: public title and status.
    const entry = (file: string) => JSON.parse(readFileSync(path.join(dir, file), 'utf8')).circulation.papers.find((p: { title: string }) => p.title === 'Country notes');
    expect(entry('out/public/manifest.json')).toEqual({ title: 'Country notes', status: 'withheld', part: 'papers', printed: false });
    expect(entry('circulated-out/public/manifest.json')).toEqual(entry('out/public/manifest.json'));
    const manifest = readFileSync(path.join(dir, 'out/public/manifest.json'), 'utf8');
    for (const secret of [...SECRETS, '"secret"']) expect(manifest).not.toContain(secret);
  });

  it('compares with the circulated output directory as with the git revision, byte for byte', async () => {
    const fromGit = filesIn(path.join(dir, 'out'));
    const result = await build(['--since', 'circulated-out', '--out', 'out-manifests']);
    expect(result.code, result.stderr).toBe(0);
    const fromManifests = filesIn(path.join(dir, 'out-manifests'));
    expect([...fromManifests.keys()]).toEqual([...fromGit.keys()]);
    for (const [file, bytes] of fromGit) expect(fromManifests.get(file)!.equals(bytes), file).toBe(true);
  }, 120_000);

  it('builds a supplement of exactly the changed papers and the retimed agenda, beside the pack', async () => {
    const result = await build(['--supplement', '--since', 'circulated']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('out/public-supplement-1/test-pack-public-supplement-1.pdf');
    const files = [...filesIn(path.join(dir, 'out')).keys()];
    expect(files.filter((f) => f.includes('supplement'))).toEqual([
      'committee-supplement-1/manifest.json',
      'committee-supplement-1/test-pack-committee-supplement-1.docx',
      'committee-supplement-1/test-pack-committee-supplement-1.pdf',
      'public-supplement-1/manifest.json',
      'public-supplement-1/test-pack-public-supplement-1.docx',
      'public-supplement-1/test-pack-public-supplement-1.pdf',
    ]);
    // The pack it supplements is still there.
    expect(files).toContain('public/test-pack-public.pdf');

    const titles = (file: string) => JSON.parse(readFileSync(path.join(dir, file), 'utf8')).outputs[0].papers.map((p: { title: string }) => p.title);
    expect(titles('out/public-supplement-1/manifest.json')).toEqual(['Budget', 'Implementation plan', 'Late paper']);
    expect(titles('out/committee-supplement-1/manifest.json')).toEqual(['Budget', 'Implementation plan', 'Late paper', 'Ruritania negotiating position']);

    const pages = await pdfText('out/public-supplement-1/test-pack-public-supplement-1.pdf');
    expect(pages[0]).toContain('Supplementary pack 1 to the pack of 19 October 2015');
    const opening = pages.map((p) => p.split(' ').slice(0, 2).join(' '));
    expect(opening).toEqual(['Test organisation', 'Contents Changes', 'Changes since', 'Agenda: The', 'Budget Revised', 'Implementation plan', 'Late paper']);
    const text = pages.join(' ');
    for (const secret of SECRETS) expect(text).not.toContain(secret);
    // The withdrawn paper is named on the changes page alone.
    expect(text.match(/Old report/g)).toHaveLength(1);
    const docx = await docxText('out/public-supplement-1/test-pack-public-supplement-1.docx');
    expect(docx).toContain('Supplementary pack 1 to the pack of 19 October 2015');
    for (const secret of SECRETS) expect(docx).not.toContain(secret);
    expect(docxChanges(docx, 'Agenda: The only session')).toEqual(asDocx(PUBLIC_CHANGES));
    expect(await docxText('out/committee-supplement-1/test-pack-committee-supplement-1.docx')).toContain('The red line is fifty-five per cent.');
  }, 120_000);

  it('diffs two revisions or two manifests, as text, Markdown or JSON, of the public edition by default', async () => {
    const text = await cli(['diff', 'circulated', 'HEAD', 'content'], dir);
    expect(text.code, text.stderr).toBe(0);
    // The revisions are dated by their commit times; the changes are those the pack lists.
    expect(text.stdout).toBe(
      ['Changes since the pack of 19 October 2015 (public edition)', '', 'Papers added', '  - Late paper', '', 'Papers now available', '  - Implementation plan', '', 'Papers withdrawn', '  - Old report', '', 'Papers revised', '  - Budget (sections changed: Spending)', '', 'Agenda items retimed', '  - Reports (The only session): 16:20–17:00, now 16:30–17:00', ''].join('\n'),
    );
    const markdown = await cli(['diff', 'circulated-out/public/manifest.json', 'out/public/manifest.json', '--format', 'markdown'], dir);
    expect(markdown.stdout).toContain('#### Papers revised\n- Budget (sections changed: Spending)\n');
    const json = await cli(['diff', 'circulated', 'HEAD', 'content', '--format', 'json', '--edition', 'committee'], dir);
    expect(JSON.parse(json.stdout).revised.map((r: { paper: { title: string } }) => r.paper.title)).toEqual(['Budget', 'Ruritania negotiating position']);
  }, 60_000);

  it('says why a REF cannot be read: an unknown revision, or no repository', async () => {
    const unknown = await build(['--since', 'no-such-tag']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('the repository has no revision no-such-tag');
    // A manifest is one edition's: it never stands in for another edition's earlier circulation.
    const other = await build(['--since', 'circulated-out/public/manifest.json', '--edition', 'committee', '--out', 'out-other']);
    expect([other.code, other.stderr]).toEqual([2, 'ogp-pack build: circulated-out/public/manifest.json has no manifest of the committee edition (it has public); build only those with --edition, or name a git revision.\n']);
    const outside = mkdtempSync(path.join(tmpdir(), 'ogp-pack-no-git-'));
    try {
      mkdirSync(path.join(outside, 'content'));
      for (const [file, text] of Object.entries(FIRST)) {
        mkdirSync(path.dirname(path.join(outside, 'content', file)), { recursive: true });
        writeFileSync(path.join(outside, 'content', file), text);
      }
      const result = await cli(['build', 'content', '--since', 'HEAD'], outside, { GIT_CEILING_DIRECTORIES: path.dirname(outside) });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('not in a git repository');
      const supplement = await cli(['build', 'content', '--supplement'], outside);
      expect([supplement.code, supplement.stderr]).toEqual([2, 'ogp-pack build: --supplement needs --since REF: the pack it supplements, as a manifest.json or a git revision.\n']);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
