import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithTools } from './helpers/client-tools.js';
import { renderDefaultDocx, type RenderedDocx } from './helpers/docx.js';

const run = promisify(execFile);

describeWithTools(['soffice', 'pdftotext'], 'the DOCX briefing pack in LibreOffice', () => {
  let dir: string;
  let built: RenderedDocx;
  let text: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ogp-pack-docx-'));
    built = await renderDefaultDocx();
    const docx = path.join(dir, 'pack.docx');
    await writeFile(docx, built.bytes);
    // Its own profile directory, so a LibreOffice the user has open (or a parallel run) does not interfere.
    const profile = pathToFileURL(path.join(dir, 'profile')).href;
    await run('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, docx], { timeout: 120_000 });
    ({ stdout: text } = await run('pdftotext', ['-layout', path.join(dir, 'pack.pdf'), '-'], { maxBuffer: 32 * 1024 * 1024 }));
  }, 180_000);

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('opens the DOCX and converts it to PDF', async () => {
    const pdf = await readFile(path.join(dir, 'pack.pdf'));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('shows the papers’ text, the running header and the computed page footer', () => {
    const flat = text.replace(/\s+/g, ' ');
    for (const snippet of [
      built.plan.cover.title,
      'Agenda: Working level meeting',
      'Jonathan Fox is a professor in the School of International Service',
      'Promote the rule of law consistent with international standards',
      'More people are living in cities than ever before.',
      'Country updates (withheld as pre-decision)',
    ])
      expect(flat).toContain(snippet);
    const pages = text.split('\f').filter((p) => p.trim());
    expect(pages.length).toBeGreaterThan(20);
    // LibreOffice computes the PAGE / NUMPAGES fields; the cover has no footer.
    expect(pages[0]).not.toContain('Page 1 of');
    expect(pages[1]).toContain(`Page 2 of ${pages.length}`);
    expect(pages.at(-1)).toContain(`Page ${pages.length} of ${pages.length}`);
    expect(pages[1]).toContain(built.plan.shortTitle);
  });
});
