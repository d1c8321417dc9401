/**
 * Rendering a build's outputs, each with its read-back for the leak gate, on both cores. The
 * outputs are independent (one plan, the layout and the fonts in; bytes out), so they are split
 * into two lanes of about equal cost: one rendered on this thread, one on a worker thread that
 * starts loading the renderers while the pack is still being read. Each thread runs the same
 * renderer code on a copy of the same plan, so where an output is rendered cannot change a byte.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { readOutput, type Place } from '../editions/leaks.js';
import type { PackPlan } from '../layout/plan.js';
import type { FontFiles, Layout } from '../layout/template.js';
import { FORMATS, type Format } from './formats.js';

export interface RenderJob {
  /** The output's file name. */
  name: string;
  format: Format;
  plan: PackPlan;
  /** Read the output back for the leak gate. */
  readBack: boolean;
}

export interface RenderedJob {
  bytes: Uint8Array;
  pages?: number;
  /** What the leak gate searches, when the job asked for it. */
  places?: Place[];
}

export type JobEvent = { phase: 'start'; index: number } | { phase: 'done'; index: number; ms: number; pages?: number };

/** Renders one job on the current thread. */
export async function renderJob(job: RenderJob, layout: Layout, fonts: FontFiles): Promise<RenderedJob> {
  const render = await job.format.load();
  const { bytes, pages } = await render(job.plan, layout, fonts);
  const places = job.readBack ? await readOutput(job.name, bytes) : undefined;
  return { bytes, ...(pages !== undefined ? { pages } : {}), ...(places ? { places } : {}) };
}

/**
 * Rough relative costs, measured on the default pack: a PDF costs several DOCX, and reading a
 * PDF back (pdfjs) about half its rendering; reading a DOCX back costs little.
 */
function cost(job: RenderJob): number {
  const pdf = job.format.name === 'pdf';
  return (pdf ? 4 : 1) + (job.readBack ? (pdf ? 2 : 0.1) : 0);
}

/**
 * Splits job indices into a lane for this thread and one for the worker, of about equal cost,
 * the dearest jobs placed first. Only the built-in formats, which the worker can load by name,
 * go to the worker.
 */
export function lanes(jobs: readonly RenderJob[]): [number[], number[]] {
  const result: [number[], number[]] = [[], []];
  const load = [0, 0];
  const order = jobs.map((_, i) => i).sort((a, b) => cost(jobs[b]!) - cost(jobs[a]!) || a - b);
  for (const index of order) {
    const lane: 0 | 1 = load[0]! <= load[1]! || !FORMATS.includes(jobs[index]!.format) ? 0 : 1;
    result[lane].push(index);
    load[lane]! += cost(jobs[index]!);
  }
  return [result[0].sort((a, b) => a - b), result[1].sort((a, b) => a - b)];
}

const WORKER = fileURLToPath(new URL('./render-worker.js', import.meta.url));

/**
 * A renderer pool for one build: a worker thread when there is a second core and the compiled
 * worker module is present (it is not when ogp-pack runs from its TypeScript sources, as in
 * tests), else nothing, and every job renders on this thread.
 */
export class RenderPool {
  private readonly worker?: Worker;

  constructor(formats: readonly string[], parallel = true) {
    if (parallel && availableParallelism() > 1 && existsSync(WORKER)) {
      this.worker = new Worker(WORKER, { workerData: { formats } });
      // An idle worker must not keep a finished build's process alive.
      this.worker.unref();
    }
  }

  /** Whether outputs are rendered on a worker thread as well as this one. */
  get parallel(): boolean {
    return this.worker !== undefined;
  }

  /** Renders every job, in two lanes when there is a worker; results in the jobs' order. */
  async render(jobs: readonly RenderJob[], layout: Layout, fonts: FontFiles, onEvent?: (event: JobEvent) => void): Promise<RenderedJob[]> {
    const results: RenderedJob[] = new Array(jobs.length);
    const local = async (indices: number[]) => {
      for (const index of indices) {
        const started = performance.now();
        onEvent?.({ phase: 'start', index });
        const rendered = await renderJob(jobs[index]!, layout, fonts);
        results[index] = rendered;
        onEvent?.({ phase: 'done', index, ms: performance.now() - started, ...(rendered.pages !== undefined ? { pages: rendered.pages } : {}) });
      }
    };
    if (!this.worker || jobs.length < 2) {
      await local(jobs.map((_, i) => i));
      return results;
    }
    const [here, there] = lanes(jobs);
    await Promise.all([local(here), there.length > 0 ? this.remote(there, jobs, layout, fonts, results, onEvent) : undefined]);
    return results;
  }

  private remote(indices: number[], jobs: readonly RenderJob[], layout: Layout, fonts: FontFiles, results: RenderedJob[], onEvent?: (event: JobEvent) => void): Promise<void> {
    const worker = this.worker!;
    worker.ref();
    return new Promise<void>((resolve, reject) => {
      let left = indices.length;
      const finish = (error?: unknown) => {
        worker.off('message', onMessage);
        worker.off('error', finish);
        worker.unref();
        if (error) reject(error instanceof Error ? error : new Error(String(error)));
        else resolve();
      };
      const onMessage = (message: WorkerMessage) => {
        if (message.type === 'failed') return finish(Object.assign(new Error(message.message), { stack: message.stack }));
        if (message.type === 'start') return onEvent?.({ phase: 'start', index: message.index });
        results[message.index] = message.rendered;
        onEvent?.({ phase: 'done', index: message.index, ms: message.ms, ...(message.rendered.pages !== undefined ? { pages: message.rendered.pages } : {}) });
        if (--left === 0) finish();
      };
      worker.on('message', onMessage);
      worker.on('error', finish);
      const sent = indices.map((index) => ({ index, job: { ...jobs[index]!, format: jobs[index]!.format.name } }));
      worker.postMessage({ jobs: sent, layout, fonts } satisfies WorkerRequest);
    });
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
  }
}

/** What the worker is asked to render: jobs whose format is named, as a function cannot be sent. */
export interface WorkerRequest {
  jobs: { index: number; job: Omit<RenderJob, 'format'> & { format: string } }[];
  layout: Layout;
  fonts: FontFiles;
}

export type WorkerMessage =
  | { type: 'start'; index: number }
  | { type: 'done'; index: number; ms: number; rendered: RenderedJob }
  | { type: 'failed'; message: string; stack?: string };
