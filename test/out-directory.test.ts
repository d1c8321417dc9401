/**
 * The output directory through the command line: a directory per edition with its own manifest,
 * nothing restricted in the public one, faults refused before anything is written, and
 * `check --leaks` saying what it scanned.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, filesIn } from './helpers/cli.js';
import { MINIMAL_MEETING, MINIMAL_SESSION } from './helpers/trees.js';
import { smallPack } from './helpers/small-pack.js';

const RESTRICTED_TITLE = 'Ruritanian strategy for the quokka summit';
const PUBLIC_TITLE = 'Strategy paper';
const CANARY = 'canary-5150-outdir';
const SENTENCE = 'The committee is asked to agree the negotiating position set out below.';
const STRATEGY = `---\nid: quokka-strategy\ntitle: ${RESTRICTED_TITLE}\npublic_title: ${PUBLIC_TITLE}\nstatus: withheld\nreason: pre-decision\ncanary: ${CANARY}\n---\n\n${SENTENCE} Marker ${CANARY}.\n`;
/** What the public edition must never carry, in any file, in any form. */
const RESTRICTED = [RESTRICTED_TITLE, CANARY, 'quokka-strategy', 'negotiating position'];

/** A small pack with a withheld paper that has a restricted title and a public one. */
const withheldPack = () =>
  smallPack({
    'meeting.yaml': `${MINIMAL_MEETING}  - {id: committee, label: Committee, audience: restricted, marking: RESTRICTED, carries: [included, withheld]}\n`,
    'sessions/only.yaml': `${MINIMAL_SESSION}    papers: [budget, quokka-strategy]\n`, 'papers/quokka-strategy.md': STRATEGY,
  });

/** sha256 of every file under `dir`, and every directory and link, hidden ones included. */
function hashes(dir: string): Record<string, string> {
  const entries = readdirSync(dir, { recursive: true, withFileTypes: true });
  return Object.fromEntries(
    entries
      .map((e) => {
        const name = path.relative(dir, path.join(e.parentPath, e.name));
        if (e.isSymbolicLink()) return [name, 'symbolic link'];
        return e.isDirectory() ? [`${name}/`, 'directory'] : [name, createHash('sha256').update(readFileSync(path.join(dir, name))).digest('hex')];
      })
      .sort(([a], [b]) => (a! < b! ? -1 : 1)),
  );
}

const TIMEOUT = { timeout: 120_000 };

describe('ogp-pack build: an output directory per edition', () => {
  let dir: string;
  let build: Awaited<ReturnType<typeof cli>>;
  beforeAll(async () => {
    dir = withheldPack();
    mkdirSync(path.join(dir, 'out'));
    writeFileSync(path.join(dir, 'out/README.md'), 'Build results; kept in git.\n');
    build = await cli(['build'], dir);
  }, 120_000);

  it('writes out/public/ and out/committee/, each with its outputs and a manifest of that edition alone', () => {
    expect(build.code).toBe(0);
    expect(build.stdout.split('\n').filter(Boolean).map((l) => l.split(' ')[1])).toEqual(['out/public/test-pack-public.pdf', 'out/public/test-pack-public.docx', 'out/committee/test-pack-committee.pdf', 'out/committee/test-pack-committee.docx']);
    expect(Object.keys(hashes(path.join(dir, 'out')))).toEqual(['README.md', 'committee/', 'committee/manifest.json', 'committee/test-pack-committee.docx', 'committee/test-pack-committee.pdf', 'public/', 'public/manifest.json', 'public/test-pack-public.docx', 'public/test-pack-public.pdf']);
    expect(readFileSync(path.join(dir, 'out/README.md'), 'utf8')).toBe('Build results; kept in git.\n');
    for (const edition of ['public', 'committee']) {
      const manifest = JSON.parse(readFileSync(path.join(dir, 'out', edition, 'manifest.json'), 'utf8')) as { pack: string; edition: string; outputs: { path: string; edition: string; sha256: string; papers: { title: string }[] }[] };
      expect(manifest).toMatchObject({ pack: 'test-pack', edition });
      expect(manifest.outputs.map((o) => [o.path, o.edition])).toEqual([`test-pack-${edition}.pdf`, `test-pack-${edition}.docx`].map((p) => [p, edition]));
      for (const o of manifest.outputs) expect(createHash('sha256').update(readFileSync(path.join(dir, 'out', edition, o.path))).digest('hex')).toBe(o.sha256);
      expect(manifest.outputs[0]!.papers.map((p) => p.title)).toEqual(['Budget', edition === 'public' ? PUBLIC_TITLE : RESTRICTED_TITLE]);
    }
  });

  it('puts nothing restricted anywhere in out/public/: not in a name, a manifest, a PDF\'s text or bytes, a DOCX\'s parts', async () => {
    const files = filesIn(path.join(dir, 'out/public'));
    const texts = [...files.keys()];
    for (const [name, bytes] of files) {
      texts.push(bytes.toString('latin1'));
      if (name.endsWith('.pdf')) texts.push(execFileSync('pdftotext', ['-', '-'], { input: bytes }).toString('utf8'));
      if (name.endsWith('.docx')) {
        texts.push((await mammoth.extractRawText({ buffer: bytes })).value);
        texts.push(execFileSync('unzip', ['-p', path.join(dir, 'out/public', name)], { maxBuffer: 64 * 1024 * 1024 }).toString('utf8'));
      }
    }
    const everything = texts.join('\n');
    // The public edition does list the paper, under its public title.
    expect(everything).toContain(PUBLIC_TITLE);
    for (const restricted of RESTRICTED) expect(everything, restricted).not.toContain(restricted);
    // The committee's do carry it, so the search above can find what it looks for.
    const committee = execFileSync('pdftotext', [path.join(dir, 'out/committee/test-pack-committee.pdf'), '-']).toString('utf8') + readFileSync(path.join(dir, 'out/committee/manifest.json'), 'utf8');
    for (const restricted of [RESTRICTED_TITLE, CANARY]) expect(committee, restricted).toContain(restricted);
  });

  it('check --leaks scans the public outputs, says which, and leaves the committee\'s alone', async () => {
    const { code, stdout, stderr } = await cli(['check', '--leaks', 'out'], dir);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout.split('\n').at(-2)).toBe('3 outputs scanned (out/public/manifest.json, out/public/test-pack-public.docx, out/public/test-pack-public.pdf), no withheld text found; out/committee/ carries every withheld paper, not scanned.');
    // JSON stays parseable on stdout; the summary goes to stderr.
    const json = await cli(['check', '--leaks', 'out', '--format', 'json'], dir);
    expect(JSON.parse(json.stdout)).toEqual([]);
    expect(json.stderr).toMatch(/^3 outputs scanned \(.*\), no withheld text found; out\/committee\/ carries every withheld paper, not scanned\.\n$/);
  });

  it('a build of one edition replaces that edition\'s directory whole and leaves the other\'s as it was', async () => {
    const committee = hashes(path.join(dir, 'out/committee'));
    const { code } = await cli(['build', '--edition', 'public', '--format', 'docx'], dir);
    expect(code).toBe(0);
    expect(readdirSync(path.join(dir, 'out/public')).sort()).toEqual(['manifest.json', 'test-pack-public.docx']);
    expect(hashes(path.join(dir, 'out/committee'))).toEqual(committee);
    expect(readdirSync(path.join(dir, 'out')).sort()).toEqual(['README.md', 'committee', 'public']);
  }, 120_000);
});

describe('ogp-pack build: faults in the output directory, refused before anything is written', () => {
  it.each([
    ['equal to the content directory', 'content', 'is the content directory'],
    ['inside the content directory', 'content/papers/out', 'is inside the content directory'],
    ['inside it through a symbolic link', 'link-to-content/papers', 'is inside the content directory'],
    ['holding the content directory', '.', 'holds the content directory'],
  ])('--out %s is a usage error', async (_, out, why) => {
    const dir = smallPack();
    symlinkSync(path.join(dir, 'content'), path.join(dir, 'link-to-content'));
    const before = hashes(dir);
    for (const command of [['build', '--out', out], ['watch', '--out', out]]) {
      const { code, stdout, stderr } = await cli(command, dir);
      expect(code, command.join(' ')).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toContain(`ogp-pack ${command[0]}: the output directory ${path.normalize(`${out}/`)} ${why}`);
    }
    expect(hashes(dir)).toEqual(before);
  });

  it("--out as the meeting's own out/ is allowed: loading never reads it", async () => {
    const dir = smallPack();
    const { code } = await cli(['build', '--out', 'content/out', '--format', 'docx'], dir);
    expect(code).toBe(0);
    const again = await cli(['check', 'content', '--format', 'json'], dir);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toEqual([]);
  }, 120_000);

  it('an output path under a file: exit 1 before the sources are read, for build and watch', async () => {
    const dir = smallPack();
    writeFileSync(path.join(dir, 'notes'), 'a file');
    const { code, stdout, stderr } = await cli(['build', '--out', 'notes/out', '--verbose'], dir);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    // No "read, checked and planned" line: it stopped before reading.
    expect(stderr).toBe(`ogp-pack build: cannot write the pack to notes/out/: ${path.join(dir, 'notes')} is a file, so ${path.join(dir, 'notes/out')} cannot be made.\nNothing was written.\n`);    // watch stops at once too, rather than watching for builds that could never be written.
    const watching = await cli(['watch', '--out', 'notes/out'], dir);
    expect(watching).toEqual({ code: 1, stdout: '', stderr: stderr.replace('ogp-pack build:', 'ogp-pack watch:') });
  });

  it('an edition directory ogp-pack did not write: exit 1, and out/ byte for byte as it was, the public edition too', TIMEOUT, async () => {
    const dir = smallPack();
    expect((await cli(['build', '--format', 'docx'], dir)).code).toBe(0);
    // Someone keeps a file of their own in out/committee/, which comes after public/ in the switch.
    writeFileSync(path.join(dir, 'out/committee/notes.txt'), 'mine');
    writeFileSync(path.join(dir, 'content/papers/budget.md'), readFileSync(path.join(dir, 'content/papers/budget.md'), 'utf8').replace('ten per cent', 'eleven per cent'));
    const before = hashes(path.join(dir, 'out'));
    const { code, stdout, stderr } = await cli(['build', '--format', 'docx'], dir);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain(`${path.join(dir, 'out/committee')} holds a file its manifest.json does not list (notes.txt), so ogp-pack will not replace it`);
    expect(stderr).toContain('Nothing there was replaced.');
    expect(hashes(path.join(dir, 'out'))).toEqual(before);
  });

  it('leaves files of the former flat layout alone, and says so', TIMEOUT, async () => {
    const dir = smallPack();
    mkdirSync(path.join(dir, 'out'));
    writeFileSync(path.join(dir, 'out/manifest.json'), '{"outputs": []}');
    writeFileSync(path.join(dir, 'out/test-pack-public.docx'), 'an old output');
    const { code, stderr } = await cli(['build', '--format', 'docx'], dir);
    expect(code).toBe(0);
    expect(stderr).toBe('note: out/manifest.json, out/test-pack-public.docx are left from the former layout, which put every edition in out/ itself; ogp-pack no longer writes or reads them. Delete them: a former manifest.json names the committee\'s papers.\n');
    expect(readFileSync(path.join(dir, 'out/test-pack-public.docx'), 'utf8')).toBe('an old output');
  });
});

/** A read-only tmpfs, where even root cannot write; absent where mounting is not allowed. */
function readOnlyMount(): string | undefined {
  const mountPoint = mkdtempSync(path.join(tmpdir(), 'ogp-readonly-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=1m', 'tmpfs', mountPoint], { stdio: 'ignore' });
    return mountPoint;
  } catch {
    rmSync(mountPoint, { recursive: true });
    return undefined;
  }
}

describe('ogp-pack build on a read-only file system', () => {
  const mountPoint = readOnlyMount();
  afterAll(() => {
    if (mountPoint) execFileSync('umount', [mountPoint]);
  });

  // The code path itself is tested with an injected EROFS in build.test.ts (probeWritable), which runs everywhere.
  it.skipIf(!mountPoint)('fails at once with exit 1, saying why, before reading or rendering (needs mount; skipped otherwise)', async () => {
    const dir = smallPack();
    for (const out of [mountPoint!, path.join(mountPoint!, 'pack/out')]) {
      const { code, stdout, stderr } = await cli(['build', '--out', out, '--verbose'], dir);
      expect(code).toBe(1);
      expect(stdout).toBe('');
      expect(stderr).toMatch(new RegExp(`^ogp-pack build: cannot write the pack to .*: ${mountPoint} cannot be written: it is on a read-only file system\\.\\nNothing was written\\.\\n$`));
    }
    expect(readdirSync(mountPoint!)).toEqual([]);
  });
});

describe('check --leaks on damaged or foreign outputs', () => {
  let dir: string;
  beforeAll(async () => {
    dir = withheldPack();
    expect((await cli(['build'], dir)).code).toBe(0);
  }, 120_000);

  it('reports a truncated PDF and a garbage DOCX as unreadable findings, exit 1, never an internal error', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'ogp-damaged-'));
    mkdirSync(path.join(out, 'public'));
    writeFileSync(path.join(out, 'public/manifest.json'), readFileSync(path.join(dir, 'out/public/manifest.json')));
    // The PDF the build wrote, cut off halfway, as an interrupted copy leaves it.
    const pdf = readFileSync(path.join(dir, 'out/public/test-pack-public.pdf'));
    writeFileSync(path.join(out, 'public/test-pack-public.pdf'), pdf.subarray(0, pdf.length >> 1));
    writeFileSync(path.join(out, 'public/test-pack-public.docx'), 'this is not a zip file at all');
    const { code, stdout, stderr } = await cli(['check', '--leaks', out], dir);
    expect(stderr).toBe('');
    expect(code).toBe(1);
    const label = path.relative(dir, out);
    expect(stdout).toMatch(new RegExp(`^${label}/public/test-pack-public\\.pdf:1:1  error  Cannot be read as a PDF \\(.+\\), so it cannot be shown to be free of withheld text\\..*  unreadable-output$`, 'm'));
    expect(stdout).toMatch(new RegExp(`^${label}/public/test-pack-public\\.docx:1:1  error  Cannot be read as a DOCX \\(.+\\), so it cannot be shown to be free of withheld text\\..*  unreadable-output$`, 'm'));
    expect(stdout).not.toContain('internal error');
    expect(stdout.split('\n').at(-2)).toBe(`3 outputs scanned (${label}/public/manifest.json, ${label}/public/test-pack-public.docx, ${label}/public/test-pack-public.pdf), no withheld text found, 2 unreadable (${label}/public/test-pack-public.docx, ${label}/public/test-pack-public.pdf).`);
  });

  it('refuses another pack\'s outputs, and a directory with no manifest, as usage errors', async () => {
    const other = smallPack({ 'meeting.yaml': readFileSync(path.join(dir, 'content/meeting.yaml'), 'utf8').replace('pack: test-pack', 'pack: another-pack') });
    const foreign = await cli(['check', 'content', '--leaks', path.join(dir, 'out')], other);
    expect(foreign.code).toBe(2);
    expect(foreign.stdout).toBe('');
    expect(foreign.stderr).toMatch(/^ogp-pack check --leaks: .*committee\/manifest\.json is of the pack "test-pack", not "another-pack" as the content directory's meeting\.yaml says\./);

    const empty = mkdtempSync(path.join(tmpdir(), 'ogp-empty-'));
    const none = await cli(['check', '--leaks', empty], dir);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^ogp-pack check --leaks: there is no manifest\.json in .* or in a directory inside it\. Build the pack first/);
    expect(existsSync(path.join(empty, 'manifest.json'))).toBe(false);
  });

  it('checks one edition directory named on its own', async () => {
    const { code, stdout } = await cli(['check', '--leaks', 'out/public'], dir);
    expect(code).toBe(0);
    expect(stdout.split('\n').at(-2)).toBe('3 outputs scanned (out/public/manifest.json, out/public/test-pack-public.docx, out/public/test-pack-public.pdf), no withheld text found.');
  });
});
