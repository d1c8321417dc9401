/**
 * The DOCX's embedded fonts as LibreOffice uses them: it lays the default pack out in Noto Sans,
 * not a substitute, and so on as many pages as the PDF, within 5%.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadLayout } from '../src/plan/template.js';
import { renderPdf } from '../src/render/pdf/index.js';
import { describeWithTools } from './helpers/client-tools.js';
import { renderDefaultDocx } from './helpers/docx.js';

const run = promisify(execFile);

const pages = async (pdf: string) => Number(/^Pages:\s+(\d+)$/m.exec((await run('pdfinfo', [pdf])).stdout)?.[1]);

describeWithTools(['soffice', 'pdfinfo', 'pdffonts'], 'the DOCX’s embedded fonts in LibreOffice', () => {
  let dir: string;
  let fonts: string;
  let docxPages: number;
  let pdfPages: number;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ogp-pack-docx-fonts-'));
    const built = await renderDefaultDocx();
    const { fonts: faces } = await loadLayout();
    await writeFile(path.join(dir, 'pack.docx'), built.bytes);
    await writeFile(path.join(dir, 'reference.pdf'), (await renderPdf(built.plan, built.layout, faces!)).bytes);
    // Its own profile, so a LibreOffice the user has open (or a parallel run) does not interfere.
    const profile = pathToFileURL(path.join(dir, 'profile')).href;
    await run('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', path.join(dir, 'out'), path.join(dir, 'pack.docx')], { timeout: 120_000 });
    ({ stdout: fonts } = await run('pdffonts', [path.join(dir, 'out', 'pack.pdf')]));
    docxPages = await pages(path.join(dir, 'out', 'pack.pdf'));
    pdfPages = await pages(path.join(dir, 'reference.pdf'));
  }, 240_000);

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('sets the pack in its four Noto Sans faces, not a substitute', () => {
    for (const face of ['NotoSans-Regular', 'NotoSans-Bold', 'NotoSans-Italic', 'NotoSans-BoldItalic']) expect(fonts).toContain(face);
    expect(fonts).not.toMatch(/DejaVu|Liberation|Carlito/);
  });

  it('runs to as many pages as the PDF, within 5%', () => {
    expect(pdfPages).toBeGreaterThan(10);
    expect(Math.abs(docxPages - pdfPages) / pdfPages).toBeLessThanOrEqual(0.05);
  });
});
