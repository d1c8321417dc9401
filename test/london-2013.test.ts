import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import mammoth from 'mammoth';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCheck } from '../src/check/run.js';
import { severityOf } from '../src/diagnostics/diagnostic.js';
import { fileTree } from '../src/io/source-tree.js';
import { cli } from './helpers/cli.js';

/** A real OGP Steering Committee meeting (London, 22–24 April 2013), written from public records with its house style. */
const PACK = fileURLToPath(new URL('./fixtures/london-2013/', import.meta.url));
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const STEM = 'ogp-sc-2013-04-london';

const squash = (text: string) => text.replace(/\s+/g, ' ');
const pdfText = (file: string) => squash(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }));
const docxText = async (file: string) => squash((await mammoth.extractRawText({ buffer: readFileSync(file) })).value);
/** Page, width and height of every image in a PDF, as poppler's pdfimages lists them. */
const pdfImages = (file: string) =>
  execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' }).trim().split('\n').slice(2).map((line) => line.trim().split(/\s+/)).map(([page, , , width, height]) => [page, width, height]);

describe('the London, April 2013 test pack', () => {
  let out: string;
  let stdout: string;
  let stderr: string;
  beforeAll(async () => {
    out = mkdtempSync(path.join(tmpdir(), 'ogp-london-'));
    const built = await cli(['build', path.relative(ROOT, PACK), '--out', out], ROOT);
    expect(built.code, built.stderr).toBe(0);
    ({ stdout, stderr } = built);
  }, 120_000);

  it('checks with no errors; its one warning is the paper still to follow', async () => {
    const diagnostics = await runCheck(fileTree(PACK, 'london-2013'));
    expect(diagnostics.filter((d) => severityOf(d) === 'error')).toEqual([]);
    expect(diagnostics.filter((d) => severityOf(d) === 'warning').map((d) => `${d.file}:${d.line} ${d.ruleId}`)).toEqual(['london-2013/papers/rotation-proposals.md:4 to-follow']);
  });

  it('builds both editions in both formats, and build reports the warning check gives', () => {
    for (const edition of ['public', 'committee']) for (const ext of ['pdf', 'docx']) expect(stdout).toContain(`${STEM}-${edition}.${ext}`);
    expect(stderr).toContain('is still to follow');
  });

  it('the public edition lists the withheld paper by its public title and reason, and carries none of it', async () => {
    for (const text of [pdfText(path.join(out, 'public', `${STEM}-public.pdf`)), await docxText(path.join(out, 'public', `${STEM}-public.docx`))]) {
      expect(text).toContain('Strategy update (withheld as pre-decision)');
      expect(text).toContain('Business session');
      expect(text).toContain('Monday 22 April 2013, 09:00–17:00');
      expect(text).not.toContain('Revised strategy proposal');
      expect(text).not.toContain('CANARY-LDN-2013-GL');
      expect(text).not.toContain('stands in for the subcommittee');
    }
  });

  it('the committee edition carries the withheld paper, marked, and the papers still to come by their status', async () => {
    for (const text of [pdfText(path.join(out, 'committee', `${STEM}-committee.pdf`)), await docxText(path.join(out, 'committee', `${STEM}-committee.docx`))]) {
      expect(text).toContain('Revised strategy proposal of the Governance and Leadership Subcommittee');
      expect(text).toContain('stands in for the subcommittee');
      expect(text).toContain('RESTRICTED — PRE-DECISION — NOT FOR CIRCULATION');
      expect(text).toContain('UK proposal for the OGP Annual Summit, London 2013 (to be circulated at the meeting)');
      expect(text).toContain('(to follow)');
    }
  });

  it('has its own house style: the logo on the cover of both formats', async () => {
    for (const edition of ['public', 'committee']) {
      expect(pdfImages(path.join(out, edition, `${STEM}-${edition}.pdf`))).toEqual([['1', '180', '60']]);
      const { default: JSZip } = await import('jszip');
      const zip = await JSZip.loadAsync(readFileSync(path.join(out, edition, `${STEM}-${edition}.docx`)));
      const media = Object.keys(zip.files).filter((f) => f.startsWith('word/media/'));
      expect(media).toHaveLength(1);
      expect(Buffer.from(await zip.file(media[0]!)!.async('uint8array')).equals(readFileSync(path.join(PACK, 'house/logo.png')))).toBe(true);
    }
  });
});
