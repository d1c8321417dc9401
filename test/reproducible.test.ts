/**
 * The guarantees CI relies on, through the command line as CI runs it: the same sources give the
 * same bytes, the manifest describes the files on disk, and a failed build leaves `out/` as it was.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../src/build/write.js';
import { cli, filesIn } from './helpers/cli.js';
import { defaultPackFiles, defaultPackOut } from './helpers/default-pack.js';
import { CONTENT_DIR, lineOf, MINIMAL_MEETING, MINIMAL_SESSION } from './helpers/trees.js';

const temporary = () => mkdtempSync(path.join(tmpdir(), 'ogp-repro-'));

const CANARY = 'canary-4417-reproducible';

/** A small meeting with both default editions, a data table and a withheld paper. */
const FIXTURE: Record<string, string> = {
  // Without `editions:` the meeting gets the defaults, public and committee.
  'meeting.yaml': MINIMAL_MEETING.replace(/\neditions:[\s\S]*$/, '\n'),
  'sessions/only.yaml': `${MINIMAL_SESSION}    papers: [budget, position]\n`,
  'papers/budget.md': '---\nid: budget\ntitle: Budget\nstatus: included\n---\n\nThe budget for the year, by quarter.\n\n::table{data="quarters"}\n',
  'papers/position.md': `---\nid: position\ntitle: Position paper\nstatus: withheld\nreason: pre-decision\ncanary: ${CANARY}\n---\n\nThe committee is asked to agree the position set out in this paper. Marker ${CANARY}.\n`,
  'data/quarters.yaml': [
    'kind: then-and-now',
    'id: quarters',
    'title: Budget by quarter',
    'columns: {attribute: Item, then: First quarter, now: Second quarter}',
    'groups:',
    '  - name: Spending',
    '    rows:',
    "      - {attribute: Staff, then: '100', now: '120'}",
    '',
  ].join('\n'),
};

function writeTree(dir: string, files: Record<string, string>): string {
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

interface Manifest {
  edition: string;
  outputs: { path: string; format: string; edition: string; bytes: number; sha256: string }[];
}

const manifestOf = (dir: string) => JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;

/** Checks that each edition directory's manifest lists exactly the other files there, each with its size and sha256. */
function expectManifestsMatchDisk(out: string): void {
  for (const edition of ['public', 'committee']) {
    const files = filesIn(path.join(out, edition));
    const { outputs } = manifestOf(path.join(out, edition));
    expect(outputs.map((o) => o.path).sort()).toEqual([...files.keys()].filter((f) => f !== 'manifest.json'));
    for (const entry of outputs) {
      const bytes = files.get(entry.path)!;
      expect(entry.edition).toBe(edition);
      expect(bytes.byteLength, entry.path).toBe(entry.bytes);
      expect(sha256(bytes), entry.path).toBe(entry.sha256);
    }
  }
}

describe('reproducible builds', () => {
  it('give byte-identical outputs and manifests for every edition and format, even from a copy of the sources elsewhere', { timeout: 60_000 }, async () => {
    const here = writeTree(temporary(), FIXTURE);
    const elsewhere = path.join(temporary(), 'another', 'checkout');
    cpSync(here, elsewhere, { recursive: true });
    const [a, b] = [temporary(), temporary()];
    expect((await cli(['build', here, '--out', a], here)).code).toBe(0);
    expect((await cli(['build', elsewhere, '--out', b], elsewhere)).code).toBe(0);

    const first = filesIn(a);
    expect(['public', 'committee'].flatMap((e) => manifestOf(path.join(a, e)).outputs.map((o) => `${o.edition} ${o.format}`))).toEqual(['public pdf', 'public docx', 'committee pdf', 'committee docx']);
    expect([...first.keys()]).toEqual(['committee/manifest.json', 'committee/test-pack-committee.docx', 'committee/test-pack-committee.pdf', 'public/manifest.json', 'public/test-pack-public.docx', 'public/test-pack-public.pdf']);
    expect(filesIn(b)).toEqual(first);
    expectManifestsMatchDisk(a);
  });

  it('of the default content give byte-identical outputs and manifests', { timeout: 120_000 }, async () => {
    // The run's shared build of the default content is the first; this one, in another process and directory, the second.
    const b = temporary();
    expect((await cli(['build', CONTENT_DIR, '--out', b], temporary())).code).toBe(0);
    const first = defaultPackFiles();
    expect(first.size).toBe(6);
    expect(filesIn(b)).toEqual(first);
    expectManifestsMatchDisk(defaultPackOut());
  });

  it('follow SOURCE_DATE_EPOCH: the same epoch gives the same bytes, another epoch other bytes', { timeout: 60_000 }, async () => {
    const dir = writeTree(temporary(), FIXTURE);
    const build = async (epoch: string) => {
      const out = temporary();
      expect((await cli(['build', '.', '--out', out, '--format', 'pdf,docx', '--edition', 'public'], dir, { SOURCE_DATE_EPOCH: epoch })).code).toBe(0);
      return filesIn(out);
    };
    const first = await build('1700000000');
    expect(await build('1700000000')).toEqual(first);
    const later = await build('1800000000');
    for (const name of ['public/test-pack-public.pdf', 'public/test-pack-public.docx']) expect(later.get(name)!.equals(first.get(name)!), name).toBe(false);
  });
});

describe('a failed build', () => {
  let dir: string;
  let out: string;
  let good: Map<string, Buffer>;

  beforeAll(async () => {
    // The content directory and out/ side by side, as out/ may not be inside the content directory.
    const root = temporary();
    dir = writeTree(path.join(root, 'content'), FIXTURE);
    out = path.join(root, 'out');
    const { code } = await cli(['build', '.', '--out', '../out'], dir);
    expect(code).toBe(0);
    good = filesIn(out);
    expect([...good.keys()].filter((f) => f.endsWith('.partial'))).toEqual([]);
  }, 60_000);

  /** Builds `dir` with one source replaced, then puts the good source back. */
  async function buildWith(file: string, text: string) {
    writeFileSync(path.join(dir, file), text);
    try {
      return await cli(['build', '.', '--out', '../out'], dir);
    } finally {
      writeFileSync(path.join(dir, file), FIXTURE[file]!);
    }
  }

  it('on a YAML syntax error names the place and rule, and leaves every file in out/ as it was', async () => {
    // A colon inside an unquoted title, as in "Session one: welcome", is YAML's most common trap.
    const broken = FIXTURE['sessions/only.yaml']!.replace('title: The only session', 'title: Session one: welcome');
    const { code, stdout, stderr } = await buildWith('sessions/only.yaml', broken);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    const line = lineOf(broken, 'Session one');
    expect(stderr).toMatch(new RegExp(`^sessions/only\\.yaml:${line}:8  error  YAML syntax error: .+  yaml-syntax$`, 'm'));
    expect(stderr).toContain('Nothing was written to ../out/.');
    expect(filesIn(out)).toEqual(good);
  });

  it('on an unknown paper names the place and rule, and leaves every file in out/ as it was', async () => {
    const broken = FIXTURE['sessions/only.yaml']!.replace('papers: [budget, position]', 'papers: [budget, positon]');
    const { code, stderr } = await buildWith('sessions/only.yaml', broken);
    expect(code).toBe(1);
    const line = lineOf(broken, 'positon');
    const column = broken.split('\n')[line - 1]!.indexOf('positon') + 1;
    expect(stderr).toMatch(new RegExp(`^sessions/only\\.yaml:${line}:${column}  error  Unknown paper "positon".*Did you mean "position"\\?.*  unknown-reference$`, 'm'));
    expect(filesIn(out)).toEqual(good);
  });

  it('when a public paper quotes a withheld one names the place, the paper and the rule, and leaves every file in out/ as it was', async () => {
    const broken = `${FIXTURE['papers/budget.md']!}\nSee ${CANARY}.\n`;
    const { code, stderr } = await buildWith('papers/budget.md', broken);
    expect(code).toBe(1);
    // check's withheld-text rule, which the build runs before rendering, names the quoting line and the paper by its title.
    expect(stderr).toMatch(new RegExp(`^papers/budget\\.md:${lineOf(broken, 'See ')}:\\d+  error  This quotes the canary of the withheld paper "Position paper".+  withheld-text$`, 'm'));
    expect(stderr).not.toContain(CANARY);
    expect(filesIn(out)).toEqual(good);
  });

  it('is followed by a good build that gives the same bytes as before', async () => {
    expect((await cli(['build', '.', '--out', '../out'], dir)).code).toBe(0);
    expect(filesIn(out)).toEqual(good);
  });
});
