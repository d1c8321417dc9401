import { describe, expect, it } from 'vitest';
import { editionPlan } from '../src/build/build.js';
import { FORMATS, type Format } from '../src/build/formats.js';
import { localJobs, RenderPool, type JobEvent, type RenderJob } from '../src/build/render-jobs.js';
import { loadLayout } from '../src/plan/template.js';
import { readPack } from '../src/pipeline.js';
import { openDocx } from './helpers/docx.js';
import { contentTree } from './helpers/trees.js';

const [pdf, docx] = FORMATS as [Format, Format];
const other: Format = { name: 'json', extension: 'json', load: async () => async () => ({ bytes: new Uint8Array() }) };
const job = (format: Format, readBack = false): RenderJob => ({ name: `x.${format.extension}`, format, plan: {} as RenderJob['plan'], readBack });

describe('localJobs', () => {
  it('keeps the outputs of the dearest format on this thread, to share its caches, and sends the rest to the worker', () => {
    // public PDF read back, public DOCX read back, committee PDF, committee DOCX
    expect(localJobs([job(pdf, true), job(docx, true), job(pdf), job(docx)])).toEqual([true, false, true, false]);
    expect(localJobs([job(docx), job(docx)])).toEqual([true, true]);
  });

  it('keeps a format the worker cannot load by name on this thread', () => {
    expect(localJobs([job(pdf), job(other), job(docx)])).toEqual([true, true, false]);
  });
});

describe('rendering on a worker thread', () => {
  it('gives the same bytes, pages and read-back as rendering on this thread', { timeout: 180_000 }, async () => {
    // The worker runs compiled code: import the pool from dist/, as bin/ogp-pack does.
    const dist = (await import(new URL('../dist/build/render-jobs.js', import.meta.url).href)) as typeof import('../src/build/render-jobs.js');
    const [distPdf, distDocx] = ((await import(new URL('../dist/build/formats.js', import.meta.url).href)) as typeof import('../src/build/formats.js')).FORMATS as [Format, Format];
    const { pack } = await readPack(contentTree());
    const { layout, fonts } = await loadLayout();
    const [publicEdition, committee] = pack!.editions;
    const plans = { public: editionPlan(pack!, publicEdition!, layout!, fonts!, {}), committee: editionPlan(pack!, committee!, layout!, fonts!, {}) };
    const jobs: RenderJob[] = [
      { name: 'p.pdf', format: distPdf, plan: plans.public, readBack: true },
      { name: 'c.pdf', format: distPdf, plan: plans.committee, readBack: false },
      // The DOCX prints the public PDF's page numbers: the worker starts it at once, and is sent them once that PDF is rendered.
      { name: 'p.docx', format: distDocx, plan: plans.public, readBack: true, after: 0 },
    ];
    // This thread renders the PDFs and the worker reads the public one back; the worker renders the DOCX and reads it back.
    expect(dist.localJobs(jobs)).toEqual([true, true, false]);

    const events: JobEvent[] = [];
    const pool = new dist.RenderPool(['pdf', 'docx']);
    expect(pool.parallel).toBe(true);
    const parallel = await pool.render(jobs, layout!, fonts!, (event) => events.push(event)).finally(() => pool.close());
    const serial = await new RenderPool(['pdf', 'docx'], false).render(jobs.map((j) => ({ ...j, format: j.format === distPdf ? pdf : docx })), layout!, fonts!);

    for (const [index, rendered] of parallel.entries()) {
      expect(Buffer.from(rendered.bytes).equals(Buffer.from(serial[index]!.bytes))).toBe(true);
      expect(rendered.pages).toBe(serial[index]!.pages);
      expect(rendered.places).toEqual(serial[index]!.places);
    }
    expect(parallel[0]!.pages).toBeGreaterThan(30);
    expect(parallel[2]!.places!.some((p) => p.place === 'word/document.xml')).toBe(true);
    expect(events.filter((e) => e.phase === 'done').map((e) => e.index).sort()).toEqual([0, 1, 2]);
    // A DOCX built without its PDF lays the PDF out for its page numbers, and comes out the same.
    const [alone] = await new RenderPool(['docx'], false).render([{ ...jobs[2]!, format: docx, after: undefined }], layout!, fonts!);
    expect(Buffer.from(alone!.bytes).equals(Buffer.from(parallel[2]!.bytes))).toBe(true);
  });

  it('fails a DOCX waiting for the pages of a PDF that fails, and goes on with the next build', { timeout: 60_000 }, async () => {
    const dist = (await import(new URL('../dist/build/render-jobs.js', import.meta.url).href)) as typeof import('../src/build/render-jobs.js');
    const [distPdf, distDocx] = ((await import(new URL('../dist/build/formats.js', import.meta.url).href)) as typeof import('../src/build/formats.js')).FORMATS as [Format, Format];
    const { pack } = await readPack(contentTree());
    const { layout, fonts } = await loadLayout();
    const plan = editionPlan(pack!, pack!.editions[0]!, layout!, fonts!, {});
    const broken: Format = { name: 'pdf', extension: 'pdf', load: async () => () => Promise.reject(new Error('the PDF renderer failed')) };
    const pool = new dist.RenderPool(['pdf', 'docx']);
    try {
      await expect(pool.render([{ name: 'p.pdf', format: broken, plan, readBack: false }, { name: 'p.docx', format: distDocx, plan, readBack: false, after: 0 }], layout!, fonts!)).rejects.toThrow('the PDF renderer failed');
      // The worker is free again, as `watch` needs it to be.
      const [, docx] = await pool.render([{ name: 'p.pdf', format: distPdf, plan, readBack: false }, { name: 'p.docx', format: distDocx, plan, readBack: false, after: 0 }], layout!, fonts!);
      expect((await openDocx(docx!.bytes)).zip.files['word/document.xml']).toBeDefined();
    } finally {
      await pool.close();
    }
  });
});
