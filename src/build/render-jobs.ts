/**
 * Rendering a build's outputs and reading them back for the leak gate, on both cores.
 *
 * The outputs of the dearest format (the PDF) render on this thread one after another, so that
 * each after the first reuses what its renderer caches (parsed fonts and shaped words: the second
 * edition's PDF then costs a fraction of the first). A worker thread, started while the pack is
 * still being read, renders the other outputs (the DOCX) and does every read-back, each as soon
 * as its output's bytes exist. Every thread runs the same code on a copy of the same plan, so
 * where an output is rendered cannot change a byte.
 *
 * A DOCX prints the page numbers of the PDF of the same plan: its job names that PDF's job
 * (`after`) and starts once the PDF's pages are known; without one its renderer lays the PDF out.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { cacheDirectory } from '../cache/store.js';
import { readOutput, type Place } from '../editions/leaks.js';
import type { PackPlan } from '../plan/plan.js';
import type { FontFiles, Layout } from '../plan/template.js';
import { FORMATS, type Format } from './formats.js';

export interface RenderJob {
  /** The output's file name. */
  name: string;
  format: Format;
  plan: PackPlan;
  /** Read the output back for the leak gate. */
  readBack: boolean;
  /** The index of an earlier job, the PDF of the same plan, whose pages this output prints. */
  after?: number;
  /** The page of every link target, from that PDF (set when the job is sent to render). */
  pages?: Readonly<Record<string, number>>;
}

export interface RenderedJob {
  bytes: Uint8Array;
  pages?: number;
  /** The text the renderer drew on each page, when the format has fixed pages. */
  text?: string[];
  /** What the leak gate searches, when the job asked for it. */
  places?: Place[];
  /** The page of every link target, when the format has fixed pages. */
  anchors?: Record<string, number>;
}

export type JobEvent = { phase: 'start'; index: number } | { phase: 'done'; index: number; ms: number; pages?: number };

/** Rough relative costs of rendering, measured on the default pack: a PDF costs several DOCX. */
const COST: Record<string, number> = { pdf: 4, docx: 1 };

/**
 * Which jobs render on this thread: those of the dearest format, and any format the worker cannot
 * load by name (one that is not built in). The rest render on the worker.
 */
export function localJobs(jobs: readonly RenderJob[]): boolean[] {
  const cost = (job: RenderJob) => COST[job.format.name] ?? 1;
  const dearest = Math.max(...jobs.map(cost));
  return jobs.map((job) => cost(job) === dearest || !FORMATS.includes(job.format));
}

const WORKER = fileURLToPath(new URL('./render-worker.js', import.meta.url));

/**
 * A worker thread for one build, when there is a second core and the compiled worker module is
 * present (it is not when ogp-pack runs from its TypeScript sources, as in tests); without one,
 * every job renders and is read back on this thread.
 */
export class RenderPool {
  private readonly worker?: Worker;
  private readonly pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  private next = 0;

  constructor(formats: readonly string[], parallel = true) {
    if (!parallel || availableParallelism() < 2 || !existsSync(WORKER)) return;
    // The worker loads at once what it will likely need: the renderers of the cheaper formats and the PDF reader.
    const dearest = Math.max(...formats.map((f) => COST[f] ?? 1));
    const preload = { formats: formats.filter((f) => (COST[f] ?? 1) < dearest), pdfReader: formats.includes('pdf'), cache: cacheDirectory() };
    this.worker = new Worker(WORKER, { workerData: preload });
    this.worker.on('message', (reply: WorkerReply) => {
      const call = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (this.pending.size === 0) this.worker!.unref();
      if ('error' in reply) call?.reject(Object.assign(new Error(reply.error.message), { stack: reply.error.stack }));
      else call?.resolve({ result: reply.result, ms: reply.ms });
    });
    this.worker.on('error', (error) => {
      for (const call of this.pending.values()) call.reject(error);
      this.pending.clear();
    });
    // An idle worker must not keep a finished build's process alive.
    this.worker.unref();
  }

  /** Whether a worker thread shares the work. */
  get parallel(): boolean {
    return this.worker !== undefined;
  }

  /** Renders every job and reads back those that ask for it; results in the jobs' order. */
  async render(jobs: readonly RenderJob[], layout: Layout, fonts: FontFiles, onEvent?: (event: JobEvent) => void): Promise<RenderedJob[]> {
    const start = (index: number) => onEvent?.({ phase: 'start', index });
    /** `ms`: the time the output took to render and read back, on whichever thread did it. */
    const done = (index: number, rendered: RenderedJob, ms: number): RenderedJob => {
      onEvent?.({ phase: 'done', index, ms, ...(rendered.pages !== undefined ? { pages: rendered.pages } : {}) });
      return rendered;
    };

    /** The job with the pages of the PDF it follows, once that PDF is rendered. */
    const withPages = async (job: RenderJob, rendered: readonly (Promise<RenderedJob> | RenderedJob | undefined)[]): Promise<RenderJob> => {
      if (job.after === undefined) return job;
      const pdf = await rendered[job.after];
      return pdf?.anchors ? { ...job, pages: pdf.anchors } : job;
    };

    if (!this.worker) {
      const results: RenderedJob[] = [];
      for (const [index, job] of jobs.entries()) {
        start(index);
        const began = performance.now();
        const rendered = await renderOutput(await withPages(job, results), layout, fonts);
        results.push(done(index, { ...rendered, ...(job.readBack ? { places: await readOutput(job.name, rendered.bytes) } : {}) }, performance.now() - began));
      }
      return results;
    }

    const local = localJobs(jobs);
    const results: Promise<RenderedJob>[] = new Array(jobs.length);
    /** Each local job's output as soon as it is rendered, before it is read back. */
    const drawn: Promise<RenderedJob>[] = new Array(jobs.length);
    const send = (index: number) => {
      const job = jobs[index]!;
      start(index);
      results[index] = withPages(job, drawn).then((ready) =>
        this.call<RenderedJob>({ kind: 'render', job: { ...ready, format: job.format.name }, layout, fonts }).then(({ result, ms }) => done(index, result, ms)),
      );
      results[index].catch(() => undefined);
    };
    // The worker's jobs that wait for no PDF of this thread are sent first, so that it renders them while this thread renders its own.
    for (const index of jobs.keys()) if (!local[index] && (jobs[index]!.after === undefined || !local[jobs[index]!.after!])) send(index);
    for (const [index, job] of jobs.entries()) {
      if (!local[index]) continue;
      start(index);
      const began = performance.now();
      const output = renderOutput(await withPages(job, drawn), layout, fonts);
      drawn[index] = output;
      const rendered = await output;
      const rendering = performance.now() - began;
      // The worker's jobs that print this PDF's page numbers go as soon as it is drawn.
      for (const other of jobs.keys()) if (!local[other] && jobs[other]!.after === index) send(other);
      const read = job.readBack ? this.call<Place[]>({ kind: 'read', name: job.name, bytes: rendered.bytes }) : Promise.resolve({ result: undefined, ms: 0 });
      results[index] = read.then(({ result: places, ms }) => done(index, { ...rendered, ...(places ? { places } : {}) }, rendering + ms));
      // A failure is taken up by Promise.all below; this keeps it from being reported as unhandled meanwhile.
      results[index].catch(() => undefined);
    }
    return Promise.all(results);
  }

  /** Asks the worker; resolves with its result and how long it took there. */
  private call<T>(request: WorkerRequest): Promise<{ result: T; ms: number }> {
    const id = this.next++;
    this.worker!.ref();
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.worker!.postMessage({ id, request });
    });
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
  }
}

/** Renders one output on the current thread. */
export async function renderOutput(job: RenderJob, layout: Layout, fonts: FontFiles): Promise<RenderedJob> {
  const render = await job.format.load();
  const { bytes, pages, text, anchors } = await render(job.plan, layout, fonts, job.pages ? { pages: job.pages } : {});
  return { bytes, ...(pages !== undefined ? { pages } : {}), ...(text ? { text } : {}), ...(anchors ? { anchors } : {}) };
}

/** What the worker is asked to do: render a job (its format named, as a function cannot be sent) or read an output back. */
export type WorkerRequest =
  | { kind: 'render'; job: Omit<RenderJob, 'format'> & { format: string }; layout: Layout; fonts: FontFiles }
  | { kind: 'read'; name: string; bytes: Uint8Array };

export type WorkerReply = { id: number; result: unknown; ms: number } | { id: number; error: { message: string; stack?: string } };
