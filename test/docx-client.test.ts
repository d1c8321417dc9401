import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { editionPlan } from '../src/build/build.js';
import type { PackPlan } from '../src/plan/plan.js';
import { loadLayout } from '../src/plan/template.js';
import { readPack } from '../src/pipeline.js';
import { renderDocx } from '../src/render/docx/render.js';
import { describeWithTools } from './helpers/client-tools.js';
import { renderDefaultDocx, type RenderedDocx } from './helpers/docx.js';
import { openPdf } from './helpers/pdf.js';
import { contentTree } from './helpers/trees.js';

const run = promisify(execFile);

/** Converts DOCX bytes to PDF with LibreOffice in `dir`, with its own profile so a LibreOffice the user has open (or a parallel run) does not interfere. */
async function convert(dir: string, bytes: Uint8Array): Promise<string> {
  const docx = path.join(dir, 'pack.docx');
  await writeFile(docx, bytes);
  const profile = pathToFileURL(path.join(dir, 'profile')).href;
  await run('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, docx], { timeout: 120_000 });
  return path.join(dir, 'pack.pdf');
}

describeWithTools(['soffice', 'pdftotext'], 'the DOCX briefing pack in LibreOffice', () => {
  let dir: string;
  let built: RenderedDocx;
  let text: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ogp-pack-docx-'));
    built = await renderDefaultDocx();
    ({ stdout: text } = await run('pdftotext', ['-layout', await convert(dir, built.bytes), '-'], { maxBuffer: 32 * 1024 * 1024 }));
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

/** Text as compared: spacing collapsed, dot leaders gone. */
const flat = (text: string) => text.replace(/\.{3,}/g, ' ').replace(/\s+/g, ' ').trim();
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describeWithTools(['soffice', 'pdftotext'], 'the DOCX contents in LibreOffice', () => {
  let dir: string;
  let built: RenderedDocx;
  let pages: string[];

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ogp-pack-docx-'));
    built = await renderDefaultDocx();
    const { stdout } = await run('pdftotext', ['-layout', await convert(dir, built.bytes), '-'], { maxBuffer: 32 * 1024 * 1024 });
    pages = stdout.split('\f').map(flat);
  }, 180_000);

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('shows every contents line’s page number, nearly all of them the page LibreOffice put the heading on', () => {
    const contents = pages[1]!;
    const numbered = built.plan.contents.filter((line) => line.anchor);
    let placed = 0;
    for (const line of numbered) {
      const label = flat(`${line.title}${line.note ? ` (${line.note})` : ''}`);
      const shown = contents.match(new RegExp(`${escape(label)} (\\d+)`));
      expect(shown, label).not.toBeNull();
      // The number is the PDF's page, cached in the field.
      expect(Number(shown![1])).toBe(built.pages[line.anchor!]);
      // Where LibreOffice laid the heading out: the first page whose text, after the running header, opens with it.
      const heading = pages.findIndex((page, i) => i > 1 && page.split(built.plan.shortTitle).slice(1).join(built.plan.shortTitle).trim().startsWith(flat(line.title).slice(0, 40)));
      if (heading + 1 === Number(shown![1])) placed++;
    }
    expect(numbered.length).toBeGreaterThan(10);
    expect(placed / numbered.length).toBeGreaterThanOrEqual(0.8);
  });
});

describeWithTools(['soffice', 'pdftotext'], 'the draft committee DOCX in LibreOffice', () => {
  let dir: string;
  let plan: PackPlan;
  let pdfFile: string;
  let pages: string[];
  let watermarkColour: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ogp-pack-docx-'));
    const { pack } = await readPack(contentTree());
    const { layout, fonts } = await loadLayout();
    plan = editionPlan(pack!, pack!.editions[1]!, layout!, fonts!, {}, true);
    watermarkColour = layout!.colours.watermark.toLowerCase();
    pdfFile = await convert(dir, (await renderDocx(plan, layout!, fonts!)).bytes);
    const { stdout } = await run('pdftotext', ['-layout', pdfFile, '-'], { maxBuffer: 32 * 1024 * 1024 });
    pages = stdout.split('\f').filter((p) => p.trim());
  }, 180_000);

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('draws the watermark on every page, the cover included', async () => {
    // LibreOffice draws the text watermark as a filled outline, so it shows as the watermark colour, not as text.
    const pdf = await openPdf(new Uint8Array(await readFile(pdfFile)));
    expect(pdf.numPages).toBe(pages.length);
    for (let page = 1; page <= pdf.numPages; page++) {
      const ops = await (await pdf.getPage(page)).getOperatorList();
      const fills = ops.fnArray.flatMap((fn, i) => (fn === OPS.setFillRGBColor ? [String(ops.argsArray[i][0]).toLowerCase()] : []));
      expect(fills, `page ${page}`).toContain(watermarkColour);
    }
  });

  it('names the edition on the cover and puts the edition line in every footer but the cover’s', () => {
    const flat = (text: string) => text.replace(/\s+/g, ' ');
    expect(flat(pages[0]!)).toContain(`${plan.cover.edition} ${plan.cover.marking}`);
    expect(flat(pages[0]!)).not.toContain(plan.edition.footer);
    for (const [i, page] of pages.slice(1).entries()) expect(flat(page), `page ${i + 2}`).toContain(plan.edition.footer);
  });

  it('heads each withheld paper’s page with its marking, above the running header, and no other page', () => {
    const withheld = plan.parts.flatMap((p) => p.documents).filter((d) => d.marking);
    const headed = pages.filter((page) => page.trim().split('\n')[0]!.includes('NOT FOR CIRCULATION'));
    expect(headed).toHaveLength(withheld.length);
    withheld.forEach((document, i) => {
      const lines = headed[i]!.trim().split('\n').map((l) => l.trim()).filter(Boolean);
      expect(lines[0]).toBe(document.marking);
      expect(lines[1]).toContain(plan.shortTitle);
      expect(lines[2]).toBe(document.title);
    });
  });
});
