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
 * (`after`), and without one its renderer lays the PDF out. The worker starts such a DOCX at
 * once and is sent the PDF's pages as soon as this thread has drawn it: the DOCX renderer needs
 * them only at its very end (see `RenderOptions.pages`), so it is mostly rendered while its PDF
 * is drawn.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { cacheDirectory } from '../cache/store.js';
import { readOutput, type Place } from '../editions/leaks.js';
import type { PackPlan } from '../plan/plan.js';
import type { FontFiles, Layout } from '../plan/template.js';
import { FORMATS, type Format, type Pages, type RenderOptions } from './formats.js';

export interface RenderJob {
  /** The output's file name. */
  name: string;
  format: Format;
  plan: PackPlan;
  /** Read the output back for the leak gate. */
  readBack: boolean;
  /** The index of an earlier job, the PDF of the same plan, whose pages this output prints. */
  after?: number;
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

    /** The pages of the PDF a job follows, when this thread has rendered that PDF. */
    const drawnPages = (job: RenderJob, rendered: readonly (RenderedJob | undefined)[]): RenderOptions => {
      const pages = job.after === undefined ? undefined : rendered[job.after]?.anchors;
      return pages ? { pages } : {};
    };

    if (!this.worker) {
      const results: RenderedJob[] = [];
      for (const [index, job] of jobs.entries()) {
        start(index);
        const began = performance.now();
        const rendered = await renderOutput(job, layout, fonts, drawnPages(job, results));
        results.push(done(index, { ...rendered, ...(job.readBack ? { places: await readOutput(job.name, rendered.bytes) } : {}) }, performance.now() - began));
      }
      return results;
    }

    const local = localJobs(jobs);
    const results: Promise<RenderedJob>[] = new Array(jobs.length);
    /** The worker's request for each of its jobs that prints the page numbers of a PDF this thread draws. */
    const awaitingPages = new Map<number, number>();
    // The worker's jobs go at once, in order; those printing the page numbers of a PDF of this
    // thread start without them, and get them as soon as that PDF is drawn.
    for (const [index, job] of jobs.entries()) {
      if (local[index]) continue;
      start(index);
      const follows = job.after !== undefined && local[job.after] === true;
      const { id, reply } = this.request<RenderedJob>({ kind: 'render', job: { ...job, format: job.format.name }, pagesFollow: follows, layout, fonts });
      if (follows) awaitingPages.set(index, id);
      results[index] = reply.then(({ result, ms }) => done(index, result, ms));
      // A failure is taken up by Promise.all below; this keeps it from being reported as unhandled meanwhile.
      results[index].catch(() => undefined);
    }
    const givePages = (to: (job: RenderJob) => boolean, message: { pages: Pages } | { error: string }) => {
      for (const [index, id] of awaitingPages) {
        if (!to(jobs[index]!)) continue;
        this.worker!.postMessage({ id, request: { kind: 'pages', ...message } });
        awaitingPages.delete(index);
      }
    };
    /** This thread's outputs, as soon as each is drawn. */
    const drawn: RenderedJob[] = [];
    try {
      for (const [index, job] of jobs.entries()) {
        if (!local[index]) continue;
        start(index);
        const began = performance.now();
        const rendered = (drawn[index] = await renderOutput(job, layout, fonts, drawnPages(job, drawn)));
        const rendering = performance.now() - began;
        givePages((other) => other.after === index, rendered.anchors ? { pages: rendered.anchors } : { error: `${job.name} has no pages to give` });
        const read = job.readBack ? this.call<Place[]>({ kind: 'read', name: job.name, bytes: rendered.bytes }) : Promise.resolve({ result: undefined, ms: 0 });
        results[index] = read.then(({ result: places, ms }) => done(index, { ...rendered, ...(places ? { places } : {}) }, rendering + ms));
        results[index].catch(() => undefined);
      }
    } catch (error) {
      // The worker's jobs waiting for a PDF that will not be drawn fail too, rather than wait for ever.
      givePages(() => true, { error: `the PDF whose page numbers it prints was not rendered: ${(error as Error).message}` });
      throw error;
    }
    return Promise.all(results);
  }

  /** Asks the worker; resolves with its result and how long it took there. */
  private call<T>(request: WorkerRequest): Promise<{ result: T; ms: number }> {
    return this.request<T>(request).reply;
  }

  /** Sends the worker a request; its id names it in a later message (`pages`). */
  private request<T>(request: WorkerRequest): { id: number; reply: Promise<{ result: T; ms: number }> } {
    const id = this.next++;
    this.worker!.ref();
    const reply = new Promise<{ result: T; ms: number }>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.worker!.postMessage({ id, request });
    });
    return { id, reply };
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
  }
}

/** Renders one output on the current thread. */
export async function renderOutput(job: RenderJob, layout: Layout, fonts: FontFiles, options: RenderOptions = {}): Promise<RenderedJob> {
  const render = await job.format.load();
  const { bytes, pages, text, anchors } = await render(job.plan, layout, fonts, options);
  return { bytes, ...(pages !== undefined ? { pages } : {}), ...(text ? { text } : {}), ...(anchors ? { anchors } : {}) };
}

/**
 * What the worker is asked to do: render a job (its format named, as a function cannot be sent),
 * perhaps with its page numbers to follow in a `pages` message with the same id; or read an output back.
 */
export type WorkerRequest =
  | { kind: 'render'; job: Omit<RenderJob, 'format'> & { format: string }; pagesFollow: boolean; layout: Layout; fonts: FontFiles }
  | { kind: 'read'; name: string; bytes: Uint8Array }
  | { kind: 'pages'; pages: Pages }
  | { kind: 'pages'; error: string };

export type WorkerReply = { id: number; result: unknown; ms: number } | { id: number; error: { message: string; stack?: string } };
